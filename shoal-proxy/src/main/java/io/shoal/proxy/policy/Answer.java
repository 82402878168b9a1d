package io.shoal.proxy.policy;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * What Shoal answers a request itself, in place of a server: a refusal (400, 403, 404, 429 ...), a
 * route's fixed response or redirect.
 *
 * @param retryAfterSeconds a {@code Retry-After} to send, or 0 for none
 * @param fields fields to send beside Shoal's own ({@code Location})
 * @param contentType the body's type
 * @param body the body; Shoal's refusals say their status in a line of text, as nginx's error pages do
 */
public record Answer(HttpResponseStatus status, long retryAfterSeconds, ResponseFields fields, String contentType,
                     byte[] body) {
    static final Answer FORBIDDEN = of(HttpResponseStatus.FORBIDDEN);
    private static final String TEXT_PLAIN = "text/plain";

    /** A refusal with its status in a line of text. */
    public static Answer of(HttpResponseStatus status) {
        return retryAfter(status, 0);
    }

    public static Answer retryAfter(HttpResponseStatus status, long retryAfterSeconds) {
        byte[] text = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.US_ASCII);
        return new Answer(status, retryAfterSeconds, ResponseFields.NONE, TEXT_PLAIN, text);
    }

    static Answer fixed(int status, String contentType, String body) {
        return new Answer(HttpResponseStatus.valueOf(status), 0, ResponseFields.NONE, contentType,
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Without a body, as HAProxy's {@code http-request redirect} answers. */
    static Answer redirect(int code, String location) {
        return new Answer(HttpResponseStatus.valueOf(code), 0, ResponseFields.NONE.set("Location", location), null,
                new byte[0]);
    }
}
