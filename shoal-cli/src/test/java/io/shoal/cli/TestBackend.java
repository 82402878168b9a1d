package io.shoal.cli;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A real HTTP server on an ephemeral loopback port, for the proxy to send requests to. */
final class TestBackend implements AutoCloseable {
    static final long GIB = 1L << 30;

    private final HttpServer server;

    private TestBackend(HttpHandler handler) throws IOException {
        this(handler, 0);
    }

    private TestBackend(HttpHandler handler, int port) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", handler);
        server.start();
    }

    /** Answers every request with its name. */
    static TestBackend named(String name) throws IOException {
        return named(name, 0);
    }

    /** Answers every request with its name, on {@code port} (that of a backend stopped before, say). */
    static TestBackend named(String name, int port) throws IOException {
        byte[] body = name.getBytes(StandardCharsets.UTF_8);
        return new TestBackend(exchange -> {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }, port);
    }

    /**
     * {@code POST /upload} counts the request body without keeping it and answers the count;
     * {@code GET /download} streams {@link GeneratedStream generated} bytes of 1 GiB.
     */
    static TestBackend streaming() throws IOException {
        return new TestBackend(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/upload")) {
                long count = exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                byte[] body = Long.toString(count).getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(200, GIB);
                try (InputStream in = new GeneratedStream(GIB); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        });
    }

    String address() {
        return Launcher.format(server.getAddress());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
