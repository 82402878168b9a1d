package io.shoal.replicas;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A replica for tests: answers its INSTANCE_ID (and GREETING) on PORT; exits 3 at once with CRASH=1. */
public final class EchoApp {
    private EchoApp() {}

    public static void main(String[] args) throws Exception {
        if ("1".equals(System.getenv("CRASH"))) {
            System.out.println("crashing on purpose");
            System.exit(3);
        }
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String id = System.getenv("INSTANCE_ID");
        String greeting = System.getenv().getOrDefault("GREETING", "hello");
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.createContext("/", exchange -> {
            byte[] body = (greeting + " from " + id).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println(id + " listening on " + port);
    }
}
