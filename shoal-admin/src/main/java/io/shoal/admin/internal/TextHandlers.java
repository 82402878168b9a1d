package io.shoal.admin.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.shoal.admin.AdminSources;
import io.shoal.admin.ReloadFigures;
import io.shoal.proxy.stats.ConnectionStats;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code GET /metrics} (Prometheus text format) and {@code GET /status} (nginx stub_status): plain text. */
public final class TextHandlers implements HttpHandler {
    private final String path;
    private final String contentType;
    private final Supplier<String> body;

    private TextHandlers(String path, String contentType, Supplier<String> body) {
        this.path = path;
        this.contentType = contentType;
        this.body = body;
    }

    public static TextHandlers metrics(AdminSources sources, ReloadFigures reloads) {
        return new TextHandlers("/metrics", PrometheusWriter.CONTENT_TYPE, () -> {
            PrometheusWriter writer = new PrometheusWriter();
            TrafficMetrics.write(writer, sources, reloads);
            TlsMetrics.write(writer, sources.tls(), System.currentTimeMillis());
            ProcessMetrics.write(writer);
            JvmMetrics.write(writer);
            return writer.text();
        });
    }

    /** The same lines and numbers as nginx's stub_status, so that its parsers and habits carry over. */
    public static TextHandlers status(ConnectionStats c) {
        return new TextHandlers("/status", "text/plain; charset=utf-8", () ->
                "Active connections: " + c.active() + " \n"
                        + "server accepts handled requests\n"
                        + " " + c.accepts() + " " + c.handled() + " " + c.requests() + " \n"
                        + "Reading: " + c.reading() + " Writing: " + c.writing() + " Waiting: " + c.waiting() + " \n");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(path)) {
                Exchanges.error(exchange, 404, "no such endpoint: " + exchange.getRequestURI().getPath());
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Exchanges.error(exchange, 405, method + " is not allowed here; use GET");
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = method.equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
