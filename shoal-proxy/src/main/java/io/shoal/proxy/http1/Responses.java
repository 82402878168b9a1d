package io.shoal.proxy.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.proxy.http.Methods;
import io.shoal.proxy.policy.Answer;
import io.shoal.proxy.policy.ResponseFields;
import java.nio.charset.StandardCharsets;

/**
 * The responses Shoal writes itself, as bytes (the client pipeline has no response encoder): short
 * plain-text errors, as nginx's default error pages, redirects, and the interim 100 Continue.
 */
final class Responses {
    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
            "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

    private static final String ALLOW = "Allow: " + Methods.FORWARDED + "\r\n";

    private Responses() {}

    /**
     * An answer of Shoal's own.
     *
     * @param close whether the connection closes after it
     * @param fields the listener's own header lines
     */
    static ByteBuf answer(ByteBufAllocator alloc, Answer answer, boolean close, ResponseFields fields) {
        HttpResponseStatus status = answer.status();
        String head = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
                + (answer.contentType() != null ? "Content-Type: " + answer.contentType() + "\r\n" : "")
                + "Content-Length: " + answer.body().length + "\r\n"
                + "Server: shoal\r\n"
                + (answer.retryAfterSeconds() > 0 ? "Retry-After: " + answer.retryAfterSeconds() + "\r\n" : "")
                + (status.code() == 405 ? ALLOW : "")
                + answer.fields().lines()
                + fields.lines()
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
        ByteBuf bytes = alloc.buffer(head.length() + answer.body().length);
        bytes.writeCharSequence(head, StandardCharsets.ISO_8859_1);
        return bytes.writeBytes(answer.body());
    }

    /** @param retryAfterSeconds a Retry-After to send, or 0 for none */
    static ByteBuf error(ByteBufAllocator alloc, HttpResponseStatus status, boolean close, long retryAfterSeconds,
                         ResponseFields fields) {
        return answer(alloc, Answer.retryAfter(status, retryAfterSeconds), close, fields);
    }

    static ByteBuf error(ByteBufAllocator alloc, HttpResponseStatus status, boolean close, ResponseFields fields) {
        return error(alloc, status, close, 0, fields);
    }

    /** A redirect with no body, as HAProxy's {@code http-request redirect} sends it. */
    static ByteBuf redirect(ByteBufAllocator alloc, HttpResponseStatus status, String location, boolean close) {
        String response = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
                + "Location: " + location + "\r\n"
                + "Content-Length: 0\r\n"
                + "Server: shoal\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
        ByteBuf bytes = alloc.buffer(response.length());
        bytes.writeCharSequence(response, StandardCharsets.US_ASCII);
        return bytes;
    }

    static ByteBuf continueResponse() {
        return CONTINUE.duplicate();
    }
}
