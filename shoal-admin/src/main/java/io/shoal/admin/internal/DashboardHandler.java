package io.shoal.admin.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard at the admin root: {@code GET /} (or {@code /dashboard}) is one page, and its script, style and
 * the vendored uPlot chart library are served from this jar under {@code /dashboard/}, so that it works with no
 * network beyond Shoal. Every other path goes to {@code next} (the API). The page reads
 * {@code GET /api/v1/stream}.
 */
public final class DashboardHandler implements HttpHandler {
    private static final String RESOURCES = "/io/shoal/admin/dashboard/";
    private static final List<String> ASSETS = List.of("dashboard.js", "dashboard.css",
            "uplot/uPlot.iife.min.js", "uplot/uPlot.min.css");
    /** Nothing from elsewhere: scripts, styles and connections to this origin only. */
    private static final String POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

    private final HttpHandler next;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public DashboardHandler(HttpHandler next) {
        this.next = next;
        byte[] page = read("index.html");
        files.put("/", page);
        files.put("/dashboard", page);
        for (String asset : ASSETS) {
            files.put("/dashboard/" + asset, read(asset));
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] file = files.get(path);
        if (file == null) {
            next.handle(exchange);
            return;
        }
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Exchanges.error(exchange, 405, method + " is not allowed here; use GET");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType(path));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
            boolean head = method.equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : file.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(file);
                }
            }
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return path.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardHandler.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
