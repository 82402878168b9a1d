package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.config.UpstreamTlsConfig;
import io.shoal.config.UpstreamTlsConfig.Verify;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ca} of TLS to servers is read at start and at each reload, never by an event loop: a file gone
 * after start changes nothing, a new one takes effect at the reload, a broken one keeps the old one.
 */
class UpstreamTlsReloadIntegrationTest {
    @TempDir
    Path dir;
    private final HttpsBackends backends = new HttpsBackends();
    private Issued served;
    private Issued other;
    private Path ca;
    private String server;
    private RunningProxy proxy;

    @BeforeEach
    void issue() throws Exception {
        served = TestCertificates.issue(Files.createDirectory(dir.resolve("served")), "api.internal", "api.internal");
        other = TestCertificates.issue(Files.createDirectory(dir.resolve("other")), "other.ca", "api.internal");
        ca = dir.resolve("ca.pem");
        server = backends.start(served);
    }

    /** Starts Shoal with {@code trusted} in its {@code ca} file. */
    private void start(Issued trusted) throws Exception {
        Files.copy(trusted.cert(), ca, StandardCopyOption.REPLACE_EXISTING);
        proxy = UpstreamTlsIntegrationTest.proxy(UpstreamTlsIntegrationTest.service(server,
                new UpstreamTlsConfig(Verify.REQUIRED, ca, "api.internal")));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        backends.close();
    }

    @Test
    void theCaFileGoneAfterStartChangesNothingAsItWasReadAtStart() throws Exception {
        start(served);
        Files.delete(ca);

        assertThat(proxy.get("/").statusCode()).isEqualTo(200);
        assertThat(proxy.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aNewCaTakesEffectAtTheReload() throws Exception {
        start(other);
        assertThat(proxy.get("/").statusCode()).as("the server's certificate is not trusted").isEqualTo(502);
        Files.copy(served.cert(), ca, StandardCopyOption.REPLACE_EXISTING);

        assertThat(proxy.server.tls().reload(proxy.topology.config())).singleElement().asString()
                .startsWith("services.web.tls.ca: new certificates CN=api.internal until ");

        assertThat(proxy.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aBrokenCaAtTheReloadKeepsTheOldOneAndSaysWhy() throws Exception {
        start(served);
        Files.writeString(ca, "half a certificate\n");

        assertThatThrownBy(() -> proxy.server.tls().reload(proxy.topology.config()))
                .hasMessage("services.web.tls: " + ca + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
        assertThat(proxy.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aTlsBlockNoReloadPublishedIsNeverSpokenInPlainText() throws Exception {
        try (TestBackend plain = new TestBackend("plain")) {
            proxy = UpstreamTlsIntegrationTest.proxy(UpstreamTlsIntegrationTest.service(plain.address(), null));
            Files.copy(served.cert(), ca);

            proxy.topology.updateService("web", web -> UpstreamTlsIntegrationTest.service(plain.address(),
                    new UpstreamTlsConfig(Verify.REQUIRED, ca, "api.internal")));
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> proxy.topology.current().service("web").config().tls() != null);

            assertThat(proxy.get("/").statusCode()).isEqualTo(502);
            assertThat(plain.requests).hasValue(0);
        }
    }
}
