package io.shoal.admin.internal;

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
}
