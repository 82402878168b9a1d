package io.shoal.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The backends of {@code shoal demo}: small in-process JDK HTTP servers on ephemeral loopback ports, so
 * that the demo needs nothing installed. Each answers like the app of the scaling tutorials Shoal
 * replaces: {@code GET /} returns JSON naming its instance, {@code GET /health} says it is healthy.
 * A later issue replaces them with supervised replica processes.
 */
final class DemoBackends implements AutoCloseable {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final List<HttpServer> servers = new ArrayList<>();

    private DemoBackends() {}

    /** Starts {@code count} instances named demo-1, demo-2, ... */
    static DemoBackends start(int count) throws IOException {
        // Without it the JDK server delays small responses (Nagle with delayed ACK): 40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String hostname = hostname();
        DemoBackends backends = new DemoBackends();
        try {
            for (int i = 1; i <= count; i++) {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
                String instance = "demo-" + i;
                Instant startTime = Instant.now();
                server.createContext("/", exchange -> answer(exchange, instance, hostname, startTime));
                server.start();
                backends.servers.add(server);
            }
        } catch (IOException e) {
            backends.close();
            throw e;
        }
        return backends;
    }

    /** The instances' addresses, {@code 127.0.0.1:PORT}, in instance order. */
    List<String> addresses() {
        return servers.stream().map(s -> Launcher.format(s.getAddress())).toList();
    }

    private static void answer(HttpExchange exchange, String instance, String hostname, Instant startTime)
            throws IOException {
        String path = exchange.getRequestURI().getPath();
        Instant now = Instant.now();
        int status = 200;
        String body;
        if (path.equals("/")) {
            body = String.format(Locale.ROOT,
                    "{\"message\":\"Hello from Shoal demo\",\"instance\":\"%s\",\"hostname\":\"%s\","
                            + "\"uptime\":%.3f,\"startTime\":\"%s\",\"timestamp\":\"%s\"}",
                    instance, hostname, (now.toEpochMilli() - startTime.toEpochMilli()) / 1000.0,
                    ISO_MILLIS.format(startTime), ISO_MILLIS.format(now));
        } else if (path.equals("/health")) {
            body = "{\"status\":\"healthy\",\"instance\":\"" + instance + "\"}";
        } else {
            status = 404;
            body = "{\"error\":\"not found\",\"instance\":\"" + instance + "\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    /** The machine's name, as the tutorials' apps report {@code os.hostname()}. */
    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
    }
}
