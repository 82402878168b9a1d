package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.shoal.bench.LoadPlan;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request as HTTP/2 sends it (RFC 9113 section 8.3): pseudo-headers from the URL, the user's headers in lower
 * case without the connection-specific ones HTTP/2 forbids, and the body. Built once; the HPACK encoder only reads
 * the headers, and the body is written through a view that cannot be released, as {@link RequestTemplate} does.
 */
final class H2Request {
    /** Headers HTTP/2 forbids (RFC 9113 section 8.2.2); a Host header becomes {@code :authority}. */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "host");

    final Http2Headers headers;
    private final ByteBuf body;
    private final ByteBuf view;

    H2Request(LoadPlan plan) {
        headers = new DefaultHttp2Headers().method(plan.method()).scheme(plan.url().getScheme().toLowerCase(Locale.ROOT))
                .authority(plan.headers().stream().filter(h -> h.getKey().equalsIgnoreCase("Host")).map(Map.Entry::getValue)
                        .findFirst().orElse(RequestTemplate.authority(plan)))
                .path(RequestTemplate.path(plan));
        if (!RequestTemplate.has(plan, "User-Agent")) {
            headers.add("user-agent", "shoal-bench");
        }
        byte[] bytes = plan.body();
        if (bytes.length > 0 || RequestTemplate.requiresLength(plan.method())) {
            headers.addInt("content-length", bytes.length);
        }
        for (Map.Entry<String, String> header : plan.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!CONNECTION_SPECIFIC.contains(name)) {
                headers.add(name, header.getValue());
            }
        }
        body = bytes.length == 0 ? null : Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        view = body == null ? null : Unpooled.unreleasableBuffer(body);
    }

    boolean hasBody() {
        return body != null;
    }

    /** A view of the body to write; the channel may release it, which does nothing. */
    ByteBuf body() {
        return view.duplicate();
    }

    /** Frees the body; call once no connection can write any more. */
    void release() {
        if (body != null) {
            body.release();
        }
    }
}
