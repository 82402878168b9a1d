package io.shoal.proxy.upstream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A request head as an HTTP/2 server gets it (RFC 9113 section 8.3.1): {@code :authority} from Host, names
 * in lower case, no connection-specific field, the same forwarding fields as over HTTP/1.1
 * ({@link ForwardedRequest#encodeHead}), and {@code te: trailers}, which gRPC servers require and nginx's
 * {@code grpc_pass} always sends.
 */
final class Http2RequestHead {
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString HTTPS = AsciiString.cached("https");
    /** RFC 9113 section 8.2.2, and Host, which {@code :authority} replaces. */
    private static final Set<AsciiString> NOT_IN_HTTP_2 = Set.of(
            AsciiString.cached("connection"), AsciiString.cached("keep-alive"),
            AsciiString.cached("proxy-connection"), AsciiString.cached("transfer-encoding"),
            AsciiString.cached("upgrade"), AsciiString.cached("te"), AsciiString.cached("host"));

    private Http2RequestHead() {}

    /** @param tls whether the server is spoken to over TLS: the {@code :scheme} */
    static Http2Headers of(ForwardedRequest request, boolean tls) {
        Http2Headers out = new DefaultHttp2Headers(false)
                .method(request.head().method().asciiName())
                .scheme(tls ? HTTPS : HTTP)
                .path(request.forwardedUri());
        if (request.host() != null) {
            out.authority(request.host());
        }
        addFields(out, request.head().headers());
        out.add(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
        out.add(XForwarded.FOR, request.forwardedFor());
        out.add(XForwarded.REAL_IP, request.clientAddress());
        out.add(XForwarded.PROTO, request.scheme().forwarded());
        if (request.host() != null) {
            out.add(XForwarded.HOST, request.host());
        }
        return out;
    }

    /** A request's trailers, for the HEADERS frame that ends its stream. */
    static Http2Headers trailers(HttpHeaders trailers) {
        Http2Headers out = new DefaultHttp2Headers(false);
        addFields(out, trailers);
        return out;
    }

    private static void addFields(Http2Headers out, HttpHeaders fields) {
        Iterator<Map.Entry<CharSequence, CharSequence>> each = fields.iteratorCharSequence();
        while (each.hasNext()) {
            Map.Entry<CharSequence, CharSequence> field = each.next();
            AsciiString name = AsciiString.of(field.getKey()).toLowerCase();
            if (!NOT_IN_HTTP_2.contains(name)) {
                out.add(name, field.getValue());
            }
        }
    }
}
