package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a request without the token must name the admin endpoint in {@code Host} (an IP address,
 * localhost, or a name in admin.allowed_hosts); any other name gets 421, reads included. Raw sockets, as the JDK
 * HttpClient does not let a caller set {@code Host}.
 */
class HostCheckTest {
    private static final List<String> READS = List.of("/", "/dashboard", "/dashboard/dashboard.js", "/api/v1/services",
            "/api/v1/services/web", "/api/v1/listeners", "/api/v1/routes", "/api/v1/replicas",
            "/api/v1/replicas/web-1/logs", "/api/v1/events", "/api/v1/stream", "/metrics", "/status");

    private final AdminServerTest.FakeControl control = new AdminServerTest.FakeControl();
    private RunningAdmin running;
    private int port;

    @BeforeEach
    void start() throws Exception {
        running = RunningAdmin.start(control, AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"),
                List.of("shoal.example.com")), List.of("127.0.0.1:4001"));
        port = running.admin.address().getPort();
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void readsNamingAForeignHostAreRefused() throws Exception {
        for (String path : READS) {
            String answer = exchange("GET " + path, "attacker.example:" + port, null);
            assertThat(answer).as(path).startsWith("HTTP/1.1 421 ");
            assertThat(answer).as(path).contains("Host 'attacker.example:" + port + "' is not a name of this admin "
                    + "endpoint", "admin.allowed_hosts");
        }
        assertThat(status("GET /api/v1/services", "127.0.0.1.attacker.example", null)).isEqualTo(421);
        assertThat(status("GET /api/v1/services", "localhost.attacker.example:" + port, null)).isEqualTo(421);
    }

    @Test
    void localNamesAndConfiguredOnesPass() throws Exception {
        for (String host : List.of("127.0.0.1:" + port, "127.0.0.1", "localhost:" + port, "LocalHost", "localhost.",
                "[::1]:" + port, "[::1]", "app.localhost:" + port, "shoal.example.com:" + port, "Shoal.Example.COM")) {
            assertThat(status("GET /api/v1/services", host, null)).as(host).isEqualTo(200);
        }
        for (String path : READS) {
            assertThat(status("GET " + path, "localhost:" + port, null)).as(path).isEqualTo(200);
        }
    }

    @Test
    void theTokenPassesWhateverTheHost() throws Exception {
        String bearer = "Bearer " + AdminServerTest.TOKEN;
        assertThat(status("GET /api/v1/services", "shoal.internal:" + port, bearer)).isEqualTo(200);
        assertThat(status("GET /api/v1/services", "shoal.internal:" + port, "Bearer wrong-token-0123456789"))
                .isEqualTo(421);
        assertThat(status("POST /api/v1/services/web/scale", "attacker.example", null)).isEqualTo(421);
        assertThat(status("POST /api/v1/services/web/scale", "127.0.0.1", null)).isEqualTo(401);
        assertThat(control.calls).isEmpty();
        assertThat(status("POST /api/v1/services/web/scale", "shoal.internal", bearer)).isEqualTo(200);
        assertThat(control.calls).containsExactly("scale web 3");
    }

    private int status(String requestLine, String host, String authorization) throws IOException {
        return Integer.parseInt(exchange(requestLine, host, authorization).substring(9, 12));
    }

    /** The answer's head (and body, unless it is the never-ending stream) to one request on a connection of its own. */
    private String exchange(String requestLine, String host, String authorization) throws IOException {
        String body = requestLine.startsWith("POST") ? "{\"replicas\":3}" : "";
        String request = requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                answer.append((char) b);
                if (answer.indexOf("event: history") >= 0) {
                    break; // the stream answered; it would go on for ever
                }
            }
            return answer.toString();
        }
    }
}
