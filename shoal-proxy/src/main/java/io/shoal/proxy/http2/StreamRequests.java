package io.shoal.proxy.http2;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Headers;
import io.shoal.proxy.http.HostHeader;
import java.util.Map;

/**
 * An HTTP/2 request head as the request path reads every request: an HTTP/1.1-style head whose version
 * says HTTP/2.0 (RFC 9113 section 8.3: {@code :authority} becomes {@code Host}, cookies split across
 * fields are joined with {@code "; "}, a body of unannounced length is forwarded chunked). The codec
 * has already refused what RFC 9113 calls malformed (uppercase names, connection-specific fields,
 * missing pseudo-header fields); what is left to refuse here is a Host that disagrees with the
 * authority, or neither.
 */
final class StreamRequests {
    /** As nginx logs HTTP/2 requests. */
    static final HttpVersion HTTP_2 = new HttpVersion("HTTP", 2, 0, true);

    private StreamRequests() {}

    /** The request, or null when it must be refused with 400. */
    static HttpRequest toHttpRequest(Http2Headers fields, boolean endOfStream) {
        CharSequence method = fields.method();
        CharSequence path = fields.path();
        CharSequence authority = fields.authority();
        if (method == null) {
            return null;
        }
        String target = path != null ? path.toString() : authority != null ? authority.toString() : null;
        if (target == null) {
            return null;
        }
        HttpRequest request = new DefaultHttpRequest(HTTP_2, HttpMethod.valueOf(method.toString()), target);
        HttpHeaders headers = request.headers();
        StringBuilder cookies = null;
        for (Map.Entry<CharSequence, CharSequence> field : fields) {
            CharSequence name = field.getKey();
            if (name.length() > 0 && name.charAt(0) == ':') {
                continue;
            }
            if (HttpHeaderNames.COOKIE.contentEqualsIgnoreCase(name)) {
                cookies = cookies == null ? new StringBuilder() : cookies.append("; ");
                cookies.append(field.getValue());
            } else if (!HttpHeaderNames.TE.contentEqualsIgnoreCase(name)) {
                headers.add(name, field.getValue());
            }
        }
        if (cookies != null) {
            headers.set(HttpHeaderNames.COOKIE, cookies.toString());
        }
        if (!host(headers, authority)) {
            return null;
        }
        if (!endOfStream && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return request;
    }

    /** A request's trailers as the end of its body; pseudo-header fields are not trailers (RFC 9113 section 8.1). */
    static LastHttpContent toLastContent(Http2Headers trailers) {
        LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
        for (Map.Entry<CharSequence, CharSequence> field : trailers) {
            if (field.getKey().length() > 0 && field.getKey().charAt(0) != ':') {
                last.trailingHeaders().add(field.getKey(), field.getValue());
            }
        }
        return last;
    }

    /** Sets Host from the authority; false when they disagree, or neither is there, or it is not a host. */
    private static boolean host(HttpHeaders headers, CharSequence authority) {
        if (headers.getAll(HttpHeaderNames.HOST).size() > 1) {
            return false;
        }
        String host = headers.get(HttpHeaderNames.HOST);
        if (authority != null) {
            if (host != null && !host.equalsIgnoreCase(authority.toString())) {
                return false;
            }
            host = authority.toString();
            headers.set(HttpHeaderNames.HOST, host);
        }
        return host != null && HostHeader.isValid(host);
    }
}
