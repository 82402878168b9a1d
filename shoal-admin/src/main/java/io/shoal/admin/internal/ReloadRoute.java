package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.admin.ConfigChanges;
import io.shoal.config.Counts;

/**
 * {@code POST /api/v1/reload}: {@code nginx -s reload} over HTTP. Answers what changed, or 400 (invalid
 * file) or 409 (a change that needs a restart, or no file) with every problem, and then nothing changed.
 */
public final class ReloadRoute {
    static final String PATH = "reload";

    private final ConfigChanges changes;

    public ReloadRoute(ConfigChanges changes) {
        this.changes = changes;
    }

    Answer reload() {
        try {
            ConfigChanges.Reloaded reloaded = changes.reload();
            int count = reloaded.changes().size();
            ObjectNode body = Exchanges.JSON.createObjectNode().put("source", reloaded.source());
            body.putPOJO("changes", reloaded.changes());
            body.put("message", count == 0 ? "no changes" : "applied " + Counts.of(count, "change"));
            return Answer.ok(body);
        } catch (ConfigChanges.Refused refused) {
            return Answer.refusal(refused);
        }
    }
}
