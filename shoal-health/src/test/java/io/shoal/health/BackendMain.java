package io.shoal.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The backend of the failover test, run as a separate process ({@link BackendProcess}) so that it can
 * really be killed: {@code /health} answers {@code {"status":"healthy"}}, anything else the name.
 * Usage: {@code BackendMain NAME PORT}; prints {@code READY} once it listens. Only the JDK on its
 * class path, so it starts fast. Before it binds its port it serves a few requests on a throw-away
 * port, so that the first health checks after a restart measure Shoal, not the JDK loading classes.
 */
public final class BackendMain {
    private BackendMain() {}

    public static void main(String[] args) throws IOException {
        String name = args[0];
        int port = Integer.parseInt(args[1]);
        // The JDK server leaves Nagle on: head and body in two writes then wait for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer warmUp = start(name, 0);
        for (int i = 0; i < 20; i++) {
            get(warmUp.getAddress().getPort(), i % 2 == 0 ? "/health" : "/");
        }
        warmUp.stop(0);
        start(name, port);
        System.out.println("READY " + port);
        System.out.flush();
        // Dies with the test JVM, however that ends: its end of our standard input closes.
        Thread orphanGuard = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; wait for end of file
                }
            } catch (IOException ignored) {
                // the same: the parent is gone
            }
            Runtime.getRuntime().halt(0);
        }, "orphan-guard");
        orphanGuard.setDaemon(true);
        orphanGuard.start();
    }

    private static HttpServer start(String name, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/health", exchange -> respond(exchange, HealthBackend.HEALTHY_BODY));
        server.createContext("/", exchange -> respond(exchange, name));
        server.start();
        return server;
    }

    private static void get(int port, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: warm-up\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        }
    }

    private static void respond(HttpExchange exchange, String text) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
