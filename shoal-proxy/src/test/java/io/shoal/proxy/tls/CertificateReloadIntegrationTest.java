package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.CertificateConfig;
import io.shoal.config.TlsConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates read again at a reload: new handshakes get the new one, open connections keep theirs. */
class CertificateReloadIntegrationTest {
    @TempDir
    Path dir;
    private Issued live;
    private Issued renewed;
    private TestBackend backend;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        live = TestCertificates.issue(Files.createDirectory(dir.resolve("live")), "a.example.com", "a.example.com");
        renewed = TestCertificates.issue(Files.createDirectory(dir.resolve("next")), "renewed.example.com", "a.example.com");
        backend = new TestBackend("b");
        proxy = new RunningProxy(TestConfigs.withTls(TestConfigs.simple(Algorithm.ROUND_ROBIN, backend), TlsConfig.of(List.of(new CertificateConfig(live.cert(), live.key())))), TlsProvider.best());
    }

    @AfterEach
    void stop() {
        proxy.close();
        backend.close();
    }

    @Test
    void newHandshakesGetTheNewCertificateAndOpenConnectionsKeepTheirs() throws Exception {
        try (SSLSocket open = TlsClients.open(proxy.port(), "a.example.com", List.of("TLSv1.3"), List.of())) {
            Files.copy(renewed.cert(), live.cert(), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.key(), live.key(), StandardCopyOption.REPLACE_EXISTING);

            List<String> changes = proxy.server.tls().reload(proxy.topology.config());

            assertThat(changes).singleElement().asString()
                    .startsWith("listeners[0].tls: new certificates CN=renewed.example.com until ");
            assertThat(TlsClients.handshake(proxy.port(), "a.example.com").subject()).isEqualTo(renewed.subject());
            assertThat(subject(open)).isEqualTo(live.subject());
            assertThat(get(open)).startsWith("HTTP/1.1 200 ");
        }
        assertThat(proxy.server.tls().reload(proxy.topology.config())).isEmpty(); // the same files: nothing new
    }

    @Test
    void aBrokenNewKeyLeavesTheOldCertificateServingAndSaysWhy() throws Exception {
        Files.copy(renewed.cert(), live.cert(), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(live.key(), "half a key\n");

        assertThatThrownBy(() -> proxy.server.tls().reload(proxy.topology.config()))
                .hasMessage("listeners[0].tls: " + live.key()
                        + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
        assertThat(TlsClients.handshake(proxy.port(), "a.example.com").subject()).isEqualTo(live.subject());
    }

    @Test
    void filesReplacedOnDiskAreServedWithoutASignal() throws Exception {
        try (CertificateWatcher watcher = CertificateWatcher.start(proxy.server.tls())) {
            Path staged = live.cert().resolveSibling("staged.key");
            Files.copy(renewed.key(), staged);
            Files.copy(renewed.cert(), live.cert(), StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, live.key(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(TlsClients.handshake(proxy.port(), "a.example.com").subject()).isEqualTo(renewed.subject()));
        }
    }

    private static String subject(SSLSocket socket) throws Exception {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    private static String get(SSLSocket socket) throws Exception {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
