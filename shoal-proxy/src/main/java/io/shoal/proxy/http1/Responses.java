package io.shoal.proxy.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.proxy.http.Methods;
import io.shoal.proxy.http.ResponseFields;
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
     * @param retryAfterSeconds a Retry-After to send, or 0 for none
     * @param fields the listener's own header lines
     */
    static ByteBuf error(ByteBufAllocator alloc, HttpResponseStatus status, boolean close, long retryAfterSeconds,
                         ResponseFields fields) {
        String text = status.code() + " " + status.reasonPhrase() + "\n";
        String response = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + text.length() + "\r\n"
                + "Server: shoal\r\n"
                + (retryAfterSeconds > 0 ? "Retry-After: " + retryAfterSeconds + "\r\n" : "")
                + (status.code() == 405 ? ALLOW : "")
                + fields.lines()
                + (close ? "Connection: close\r\n" : "")
                + "\r\n" + text;
        ByteBuf bytes = alloc.buffer(response.length());
        bytes.writeCharSequence(response, StandardCharsets.US_ASCII);
        return bytes;
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
