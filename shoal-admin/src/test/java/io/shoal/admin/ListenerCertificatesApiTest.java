package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.config.PemFiles;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each TLS listener's certificates in {@code GET /api/v1/listeners}: names, expiry, and how close it is. */
class ListenerCertificatesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Issued valid;
    private Issued expiring;
    private Issued expired;
    private TestBackend backend;
    private RunningAdmin running;

    @BeforeEach
    void start() throws Exception {
        valid = TestCertificates.issue(Files.createDirectory(dir.resolve("valid")), "a.example.com", "a.example.com",
                "*.a.example.com");
        expiring = TestCertificates.expiringIn(10, Files.createDirectory(dir.resolve("soon")), "b.example.com");
        expired = TestCertificates.expired(Files.createDirectory(dir.resolve("old")), "c.example.com", "c.example.com");
        backend = new TestBackend("b");
        String certificates = String.join("", List.of(valid, expiring, expired).stream()
                .map(c -> "        - {cert: " + c.cert() + ", key: " + c.key() + "}\n").toList());
        Path file = Files.writeString(dir.resolve("shoal.yaml"), "listeners:\n  - address: 127.0.0.1:0\n"
                + "  - address: 127.0.0.1:0\n    tls:\n      certificates:\n" + certificates
                + "services:\n  web:\n    servers: [" + backend.address() + "]\n");
        running = RunningAdmin.fromFile(file, AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of()));
    }

    @AfterEach
    void stop() {
        running.close();
        backend.close();
    }

    @Test
    void eachTlsListenerListsItsCertificatesWithTheirExpiry() throws Exception {
        HttpResponse<String> response = ServerApiTest.send(running, "GET", "/api/v1/listeners", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode listeners = JSON.readTree(response.body()).path("listeners");
        assertThat(listeners.get(0).has("certificates")).as("a plain listener").isFalse();
        JsonNode certificates = listeners.get(1).path("certificates");
        assertThat(certificates).hasSize(3);
        // keytool's certificates: valid for 30 or 10 days from a moment ago; expired nine days ago
        assertCertificate(certificates.get(0), valid, List.of("a.example.com", "*.a.example.com"), 29, "valid");
        assertCertificate(certificates.get(1), expiring, List.of("b.example.com"), 9, "expiring");
        assertCertificate(certificates.get(2), expired, List.of("c.example.com"), -9, "expired");
    }

    private static void assertCertificate(JsonNode certificate, Issued issued, List<String> names, long daysLeft,
                                          String expiry) {
        assertThat(certificate.path("subject").asText()).isEqualTo(issued.subject());
        assertThat(certificate.path("names")).extracting(JsonNode::asText).containsExactlyElementsOf(names);
        assertThat(certificate.path("notAfter").asText())
                .isEqualTo(PemFiles.chain(issued.cert()).get(0).getNotAfter().toInstant().toString());
        assertThat(certificate.path("daysLeft").asLong()).isEqualTo(daysLeft);
        assertThat(certificate.path("expiry").asText()).isEqualTo(expiry);
    }
}
