package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium under a TLS listener with three certificates: one valid for a month, one
 * that ends in ten days (a warning), one expired (an error), each a row under the listener's.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DashboardCertificatesIntegrationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private TestBackend backend;

    @BeforeEach
    void startBackend() throws Exception {
        backend = new TestBackend("a");
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @Test
    void marksACertificateCloseToItsEndAndAnExpiredOne() throws Exception {
        Issued valid = TestCertificates.issue(Files.createDirectory(dir.resolve("valid")), "a.localhost", "a.localhost");
        Issued expiring = TestCertificates.expiringIn(10, Files.createDirectory(dir.resolve("soon")), "b.localhost",
                "b.localhost", "*.b.localhost");
        Issued expired = TestCertificates.expired(Files.createDirectory(dir.resolve("old")), "c.localhost", "c.localhost");
        String certificates = String.join("", List.of(valid, expiring, expired).stream()
                .map(c -> "        - {cert: " + c.cert() + ", key: " + c.key() + "}\n").toList());
        Files.writeString(dir.resolve("shoal.yaml"), "listeners:\n  - address: 127.0.0.1:0\n    tls:\n"
                + "      certificates:\n" + certificates + "services:\n  web:\n    servers: [" + backend.address() + "]\n");
        shoals.up(dir);
        String admin = Files.readString(dir.resolve(".shoal/admin")).trim();

        try (HeadlessChromium chromium = HeadlessChromium.start(1400, 900)) {
            chromium.driver.get("http://" + admin + "/");
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> chromium.texts("tr.certificate", "data-subject").size() == 3);

            assertThat(chromium.texts("tr.certificate", "data-subject"))
                    .containsExactly(valid.subject(), expiring.subject(), expired.subject());
            assertThat(chromium.texts("tr.certificate .expiry", "class"))
                    .containsExactly("expiry valid", "expiry expiring", "expiry expired");
            // keytool's certificates: valid for 30 or 10 days from a moment ago; expired nine days ago
            assertThat(chromium.texts("tr.certificate .expiry", "textContent"))
                    .containsExactly("29 days left", "expires in 9 days", "expired 9 days ago");
            assertThat(chromium.texts("tr.certificate .cert-names", "textContent"))
                    .containsExactly("a.localhost", "b.localhost, *.b.localhost", "c.localhost");
            assertThat(colour(chromium, ".expiry.expiring")).isEqualTo("rgb(180, 83, 9)");
            assertThat(colour(chromium, ".expiry.expired")).isEqualTo("rgb(185, 28, 28)");
            chromium.screenshot("dashboard-certificates.png");
        }
    }

    /** The background colour the page gives the first element matching {@code css}. */
    private static String colour(HeadlessChromium chromium, String css) {
        return String.valueOf(chromium.driver.executeScript(
                "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor;", css));
    }
}
