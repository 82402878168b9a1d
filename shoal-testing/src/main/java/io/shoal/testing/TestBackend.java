package io.shoal.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on an ephemeral loopback port, answering with its name:
 * {@code /} names it, {@code /slow?ms=N} waits first, {@code /echo} returns the request body and
 * headers, {@code /status?code=N} answers that status, {@code /upload} answers the size of the request
 * body without keeping it, {@code /download?bytes=N} streams N bytes chunked (with {@code length=fixed}:
 * with a Content-Length). It records every request it receives.
 */
public final class TestBackend implements AutoCloseable {
    public final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger inFlight = new AtomicInteger();
    public final List<Map<String, List<String>>> receivedHeaders = new CopyOnWriteArrayList<>();
    public final List<String> receivedPaths = new CopyOnWriteArrayList<>();
    public final Map<String, AtomicInteger> byMethod = new ConcurrentHashMap<>();

    static {
        // The JDK server leaves Nagle on: head and body in two writes then wait for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public TestBackend(String name) throws IOException {
        this(name, 0);
    }

    /** On a given port: a backend that comes back where it was, after {@link #close()}. */
    public TestBackend(String name, int port) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        inFlight.incrementAndGet();
        byMethod.computeIfAbsent(exchange.getRequestMethod(), m -> new AtomicInteger()).incrementAndGet();
        receivedHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
        URI uri = exchange.getRequestURI();
        receivedPaths.add(uri.toString());
        try {
            String path = uri.getPath();
            if (path.startsWith("/slow")) {
                Thread.sleep(Long.parseLong(query(uri, "ms")));
            }
            if (path.startsWith("/echo")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("X-Backend", name);
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            } else if (path.startsWith("/upload")) {
                long total = drain(exchange.getRequestBody());
                respond(exchange, 200, Long.toString(total));
            } else if (path.startsWith("/download")) {
                long size = Long.parseLong(query(uri, "bytes"));
                boolean fixedLength = uri.getQuery().contains("length=fixed");
                exchange.sendResponseHeaders(200, fixedLength ? size : 0); // 0: chunked
                byte[] block = new byte[64 * 1024];
                try (OutputStream out = exchange.getResponseBody()) {
                    for (long left = size; left > 0; left -= block.length) {
                        out.write(block, 0, (int) Math.min(block.length, left));
                    }
                }
            } else if (path.startsWith("/status")) {
                respond(exchange, Integer.parseInt(query(uri, "code")), name);
            } else {
                drain(exchange.getRequestBody());
                respond(exchange, 200, name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            exchange.close();
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        return total;
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("missing " + name);
    }

    /** Stops at once: the listening socket and open connections close, as when the process dies. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
