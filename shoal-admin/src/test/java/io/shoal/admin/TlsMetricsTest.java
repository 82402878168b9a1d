package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates' expiry in /metrics, and a reload through the API that reads renewed certificate files. */
class TlsMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY_SECONDS = 86_400;

    @TempDir
    Path dir;
    private Issued live;
    private Issued expired;
    private TestBackend backend;
    private RunningAdmin running;

    @BeforeEach
    void start() throws Exception {
        live = TestCertificates.issue(Files.createDirectory(dir.resolve("live")), "a.example.com", "a.example.com");
        expired = TestCertificates.expired(Files.createDirectory(dir.resolve("old")), "old.example.com", "a.example.com");
        backend = new TestBackend("b");
        Path file = Files.writeString(dir.resolve("shoal.yaml"), "listeners:\n  - address: 127.0.0.1:0\n    tls:\n"
                + "      cert: " + live.cert() + "\n      key: " + live.key() + "\n"
                + "services:\n  web:\n    servers: [" + backend.address() + "]\n");
        running = RunningAdmin.fromFile(file, AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of()));
    }

    @AfterEach
    void stop() {
        running.close();
        backend.close();
    }

    @Test
    void expiryIsSecondsLeftAndFollowsAReloadedCertificate() throws Exception {
        // keytool's certificates: valid for 30 days from a moment ago; expired nine days ago
        assertThat(expirySeconds()).isBetween(29 * DAY_SECONDS, 30 * DAY_SECONDS);

        Files.copy(expired.cert(), live.cert(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(expired.key(), live.key(), StandardCopyOption.REPLACE_EXISTING);
        HttpResponse<String> reload = ServerApiTest.send(running, "POST", "/api/v1/reload", null);

        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(JSON.readTree(reload.body()).path("changes")).extracting(JsonNode::asText).singleElement()
                .asString().startsWith("listeners[0].tls: new certificates CN=old.example.com until ");
        assertThat(expirySeconds()).isBetween(-10 * DAY_SECONDS, -9 * DAY_SECONDS + 60);
    }

    @Test
    void failedHandshakesAreCountedPerListener() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", running.listener.getPort())) {
            socket.setSoTimeout(10_000);
            // a handshake record that holds no ClientHello
            socket.getOutputStream().write("\u0016\u0003\u0001\u0000\u0005hello".getBytes(StandardCharsets.ISO_8859_1));
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (SocketException reset) {
            // a reset is a refusal too
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<PrometheusParser.Sample> samples = PrometheusParser.parse(
                    ServerApiTest.send(running, "GET", "/metrics", null).body());
            assertThat(sample(samples, "shoal_listener_tls_handshake_failures_total")).isEqualTo(1);
            assertThat(sample(samples, "shoal_listener_tls_handshakes_total")).isZero();
        });
    }

    private double sample(List<PrometheusParser.Sample> samples, String name) {
        List<PrometheusParser.Sample> named = samples.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(named).singleElement().satisfies(s -> assertThat(s.labels())
                .containsEntry("listener", "127.0.0.1:" + running.listener.getPort()));
        return named.get(0).value();
    }

    private long expirySeconds() throws Exception {
        String metrics = ServerApiTest.send(running, "GET", "/metrics", null).body();
        List<PrometheusParser.Sample> samples = PrometheusParser.parse(metrics).stream()
                .filter(s -> s.name().equals("shoal_tls_certificate_expiry_seconds")).toList();
        assertThat(samples).singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("listener", "0"));
        return (long) samples.get(0).value();
    }
}
