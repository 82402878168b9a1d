package io.shoal.admin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on an ephemeral loopback port: {@code /fail} answers 500, {@code /slow} 200 after 500 ms, anything else 200. */
final class Backend implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    Backend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                if (exchange.getRequestURI().getPath().equals("/slow")) {
                    sleep();
                }
                exchange.getRequestBody().readAllBytes();
                byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/fail") ? 500 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void sleep() {
        try {
            Thread.sleep(500); // a request still in flight while a test drains or removes this server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Requests it received so far. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
