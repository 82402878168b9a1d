package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shoal.bench.LoadPlan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The request encoded once, as bytes on the wire: every send writes a duplicate of one direct buffer through a
 * view that cannot be released, so sending allocates no encoder state, copies nothing, and touches no shared
 * reference count. The buffer itself is released once, by {@link #release()} at the end of the run.
 */
final class RequestTemplate {
    private final ByteBuf bytes;
    private final ByteBuf view;

    RequestTemplate(LoadPlan plan) {
        bytes = Unpooled.directBuffer().writeBytes(encode(plan));
        view = Unpooled.unreleasableBuffer(bytes);
    }

    /** A view to write; the channel may release it, which does nothing. */
    ByteBuf next() {
        return view.duplicate();
    }

    /** Frees the buffer; call once no connection can write any more. */
    void release() {
        bytes.release();
    }

    static byte[] encode(LoadPlan plan) {
        byte[] body = plan.body();
        StringBuilder head = new StringBuilder(256).append(plan.method()).append(' ').append(path(plan)).append(" HTTP/1.1\r\n");
        if (!has(plan, "Host")) {
            head.append("Host: ").append(authority(plan)).append("\r\n");
        }
        if (!has(plan, "User-Agent")) {
            head.append("User-Agent: shoal-bench\r\n");
        }
        if (body.length > 0 || requiresLength(plan.method())) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (!plan.keepAlive()) {
            head.append("Connection: close\r\n");
        }
        for (Map.Entry<String, String> header : plan.headers()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + 2 + body.length);
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The request target: the URL's path (or {@code /}) and query. */
    static String path(LoadPlan plan) {
        String path = plan.url().getRawPath() == null || plan.url().getRawPath().isEmpty() ? "/" : plan.url().getRawPath();
        return plan.url().getRawQuery() == null ? path : path + "?" + plan.url().getRawQuery();
    }

    /** The Host header's value: the URL's host, and its port unless it is the scheme's default. */
    static String authority(LoadPlan plan) {
        int port = plan.url().getPort();
        return plan.url().getHost() + (port == -1 || port == (plan.tls() ? 443 : 80) ? "" : ":" + port);
    }

    static boolean requiresLength(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    static boolean has(LoadPlan plan, String name) {
        return plan.headers().stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
    }
}
