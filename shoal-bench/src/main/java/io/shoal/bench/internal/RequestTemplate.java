package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shoal.bench.LoadPlan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The request encoded once, as bytes on the wire: every send writes a duplicate of one read-only direct buffer, so
 * sending allocates no encoder state, copies nothing, and touches no shared reference count.
 */
final class RequestTemplate {
    private final ByteBuf bytes;

    RequestTemplate(LoadPlan plan) {
        bytes = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(encode(plan)));
    }

    /** A view to write; the channel may release it, which does nothing. */
    ByteBuf next() {
        return bytes.duplicate();
    }

    static byte[] encode(LoadPlan plan) {
        String path = plan.url().getRawPath() == null || plan.url().getRawPath().isEmpty() ? "/" : plan.url().getRawPath();
        if (plan.url().getRawQuery() != null) {
            path += "?" + plan.url().getRawQuery();
        }
        int port = plan.url().getPort();
        StringBuilder head = new StringBuilder(256).append(plan.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
        if (!has(plan, "Host")) {
            head.append("Host: ").append(plan.url().getHost()).append(port == -1 || port == 80 ? "" : ":" + port).append("\r\n");
        }
        if (!has(plan, "User-Agent")) {
            head.append("User-Agent: shoal-bench\r\n");
        }
        if (plan.body().length > 0 || requiresLength(plan.method())) {
            head.append("Content-Length: ").append(plan.body().length).append("\r\n");
        }
        if (!plan.keepAlive()) {
            head.append("Connection: close\r\n");
        }
        for (Map.Entry<String, String> header : plan.headers()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + 2 + plan.body().length);
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(plan.body());
        return out.toByteArray();
    }

    private static boolean requiresLength(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static boolean has(LoadPlan plan, String name) {
        return plan.headers().stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
    }
}
