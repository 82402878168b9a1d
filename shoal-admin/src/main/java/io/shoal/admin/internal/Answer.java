package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.admin.ConfigChanges;

/**
 * A status, the object written as the JSON body, and what to do once it is written.
 *
 * @param after run after the answer went out (e.g. stopping Shoal), or null
 */
public record Answer(int status, Object body, Runnable after) {

    public static Answer ok(Object body) {
        return new Answer(200, body, null);
    }

    public static Answer of(int status, Object body) {
        return new Answer(status, body, null);
    }

    /** A refused change as an error answer, with its problems when it has some. */
    static Answer refusal(ConfigChanges.Refused refused) {
        ObjectNode body = Exchanges.JSON.createObjectNode().put("error", refused.getMessage()).put("status", refused.status());
        if (!refused.problems().isEmpty()) {
            body.putPOJO("problems", refused.problems());
        }
        return of(refused.status(), body);
    }
}
