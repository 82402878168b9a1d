package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.CertificateConfig;
import io.shoal.config.TlsConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.TestConfigs;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Session resumption as OpenSSL's own client sees it: {@code openssl s_client -sess_out} keeps the session of a first
 * connection, {@code -sess_in} offers it on a second, which says {@code Reused} when the server took it back.
 */
class SessionResumptionIntegrationTest {
    @TempDir
    Path dir;
    private Issued certificate;
    private TestBackend backend;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        certificate = TestCertificates.issue(dir, "a.example.com", "a.example.com");
        backend = new TestBackend("b");
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        backend.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void aTicketResumesTheSessionUntilItsKeyIsRotatedOut(String version) throws Exception {
        proxy = start(TlsConfig.of(certificates()), TlsProvider.OPENSSL);
        Path session = dir.resolve("session.pem");

        assertThat(sClient(version, "-sess_out", session)).startsWith("New, ");
        assertThat(sClient(version, "-sess_in", session)).startsWith("Reused, ");
        proxy.server.tls().rotateTicketKeys();
        assertThat(sClient(version, "-sess_in", session)).as("sealed by the previous key").startsWith("Reused, ");
        // sessions live 5 minutes, keys an hour: the newest key and the one before are all that is kept
        proxy.server.tls().rotateTicketKeys();
        assertThat(sClient(version, "-sess_in", session)).as("sealed by a key gone").startsWith("New, ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void aTicketHandedOutBeforeAReloadResumesAfterIt(String version) throws Exception {
        proxy = start(TlsConfig.of(certificates()), TlsProvider.OPENSSL);
        Path session = dir.resolve("session.pem");
        assertThat(sClient(version, "-sess_out", session)).startsWith("New, ");

        proxy.server.tls().reload(proxy.topology.config());

        assertThat(sClient(version, "-sess_in", session)).startsWith("Reused, ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void withoutTicketsSessionsResumeFromTheServersCacheWhateverTheKeys(String version) throws Exception {
        proxy = start(TlsConfig.of(certificates()).withSessionTickets(TlsConfig.SessionTickets.OFF), TlsProvider.OPENSSL);
        Path session = dir.resolve("session.pem");

        assertThat(sClient(version, "-sess_out", session)).startsWith("New, ");
        proxy.server.tls().rotateTicketKeys();
        proxy.server.tls().rotateTicketKeys();
        assertThat(sClient(version, "-sess_in", session)).startsWith("Reused, ");
    }

    /** The JDK seals tickets with keys of its own, rotated hourly ({@code jdk.tls.server.statelessKeyTimeout}). */
    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void theJdkResumesWithItsOwnTickets(String version) throws Exception {
        proxy = start(TlsConfig.of(certificates()), TlsProvider.JDK);
        Path session = dir.resolve("session.pem");

        assertThat(sClient(version, "-sess_out", session)).startsWith("New, ");
        assertThat(sClient(version, "-sess_in", session)).startsWith("Reused, ");
    }

    @Test
    void theJdkSaysItCannotTurnTicketsOff() {
        TlsConfig off = TlsConfig.of(certificates()).withSessionTickets(TlsConfig.SessionTickets.OFF);

        assertThat(ServerTls.of(off, TlsProvider.JDK).warnings()).singleElement().asString()
                .startsWith("tls.session_tickets: false is not honoured by the JDK's TLS");
        assertThat(ServerTls.of(off, TlsProvider.OPENSSL).warnings()).isEmpty();
    }

    private List<CertificateConfig> certificates() {
        return List.of(new CertificateConfig(certificate.cert(), certificate.key()));
    }

    private RunningProxy start(TlsConfig tls, TlsProvider provider) throws Exception {
        return new RunningProxy(TestConfigs.withTls(TestConfigs.simple(Algorithm.ROUND_ROBIN, backend), tls), provider);
    }

    /**
     * One connection by {@code openssl s_client} sending a request that closes it, so that the client reads until the
     * server closes, TLS 1.3's tickets (sent after the handshake) included; returns its "New, ..." or "Reused, ..." line.
     */
    private String sClient(String version, String sessionOption, Path session) throws Exception {
        Process client = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + proxy.port(), version,
                "-servername", "a.example.com", "-ign_eof", sessionOption, session.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = client.getOutputStream()) {
            in.write("GET / HTTP/1.1\r\nHost: a.example.com\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("HTTP/1.1 200 ");
        assertThat(Files.exists(session)).as("the session written by -sess_out").isTrue();
        return output.lines().filter(line -> line.startsWith("New, ") || line.startsWith("Reused, ")).findFirst()
                .orElse(output);
    }
}
