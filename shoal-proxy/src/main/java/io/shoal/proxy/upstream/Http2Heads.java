package io.shoal.proxy.upstream;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP/2 response's HEADERS as the rest of the proxy reads every server's head: the bytes of a status
 * line and field lines ({@link UpstreamHead}), so that both client writers take it unchanged. A HEADERS
 * frame that ends the stream is a whole response: it gets {@code content-length: 0} when it has a body by
 * its status and no length, so that an HTTP/1.1 client needs no close to see its end.
 */
final class Http2Heads {
    private Http2Heads() {}

    /** The head, or null when the server sent no valid status (or a 101, which HTTP/2 has not) or a bad field. */
    static UpstreamHead head(Http2Headers fields, boolean endOfStream, boolean headRequest) {
        CharSequence statusText = fields.status();
        int status = statusText == null || statusText.length() != 3 ? -1 : (int) parseLength(statusText);
        if (status < 100 || status == 101) {
            return null;
        }
        StringBuilder text = new StringBuilder(128).append(status).append(' ')
                .append(HttpResponseStatus.valueOf(status).reasonPhrase());
        long contentLength = -1;
        for (Map.Entry<CharSequence, CharSequence> field : fields) {
            CharSequence name = field.getKey();
            CharSequence value = field.getValue();
            if (name.length() > 0 && name.charAt(0) == ':') {
                continue;
            }
            if (!isFieldValue(value)) {
                return null;
            }
            if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)) {
                contentLength = parseLength(value);
                if (contentLength < 0) {
                    return null;
                }
            }
            text.append("\r\n").append(name).append(": ").append(value);
        }
        if (endOfStream && contentLength < 0) {
            contentLength = 0;
            if (!headRequest && status >= 200 && status != 204 && status != 304) {
                text.append("\r\ncontent-length: 0");
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        return new UpstreamHead(bytes, status, true, contentLength, false, new int[] {0, bytes.length}, 2, endOfStream);
    }

    /** The trailer fields, without pseudo-header fields (which trailers must not have, RFC 9113 section 8.1). */
    static HttpHeaders trailers(Http2Headers fields) {
        HttpHeaders trailers = new DefaultHttpHeaders();
        for (Map.Entry<CharSequence, CharSequence> field : fields) {
            CharSequence name = field.getKey();
            if ((name.length() == 0 || name.charAt(0) != ':') && isFieldValue(field.getValue())) {
                trailers.add(name, field.getValue());
            }
        }
        return trailers;
    }

    private static long parseLength(CharSequence text) {
        if (text.length() == 0 || text.length() > 18) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + c - '0';
        }
        return length;
    }

    /** No CR, LF or NUL (RFC 9113 section 8.2.1): written into an HTTP/1.1 head, they would split it. */
    private static boolean isFieldValue(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }
}
