package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.config.CertificateConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.TlsConfig;
import io.shoal.config.TlsConfig.ClientAuth;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.TestConfigs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client certificates ({@code client_auth}, {@code client_ca}) with real clients and both providers: a
 * certificate signed by the listener's CA gets through, a missing one only when it is optional, one
 * signed by another CA never; a refused client reaches no server.
 */
class MutualTlsIntegrationTest {
    @TempDir
    static Path dir;
    static Issued localhost;
    static Issued authority;
    static Issued client;
    static Issued otherAuthority;
    static Issued otherClient;

    private TestBackend backend;
    private RunningProxy proxy;
    private Path clientCa;

    @BeforeAll
    static void certificates() throws IOException {
        localhost = TestCertificates.issue(dir, "localhost", "localhost");
        authority = TestCertificates.authority(dir, "clients-ca");
        client = TestCertificates.signedBy(authority, dir, "client");
        Path other = Files.createDirectory(dir.resolve("other"));
        otherAuthority = TestCertificates.authority(other, "other-ca");
        otherClient = TestCertificates.signedBy(otherAuthority, other, "client");
    }

    private void start(TlsProvider provider, ClientAuth clientAuth) throws Exception {
        backend = new TestBackend("b");
        clientCa = Files.copy(authority.cert(), dir.resolve("client-ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        TlsConfig tls = TlsConfig.of(List.of(new CertificateConfig(localhost.cert(), localhost.key())))
                .withClientAuth(clientAuth, clientCa);
        proxy = new RunningProxy(TestConfigs.withTls(TestConfigs.web(ProxySettings.defaults(), backend.address()), tls),
                provider);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
            backend.close();
        }
    }

    private int get(HttpClient httpClient) throws Exception {
        return httpClient.send(HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port() + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void requiredServesAClientWithACertificateOfTheCaAndRefusesOneWithout(TlsProvider provider) throws Exception {
        start(provider, ClientAuth.REQUIRED);

        assertThat(get(TlsClients.presenting(localhost.cert(), client))).isEqualTo(200);
        assertThatThrownBy(() -> get(TlsClients.trusting(localhost.cert()))).isInstanceOf(IOException.class);
        assertThat(backend.requests).as("the refused client reached no server").hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aCertificateOfAnotherCaIsRefusedEvenWhenOptional(TlsProvider provider) throws Exception {
        start(provider, ClientAuth.REQUIRED);
        assertThatThrownBy(() -> get(TlsClients.presenting(localhost.cert(), otherClient))).isInstanceOf(IOException.class);
        proxy.close();
        backend.close();

        start(provider, ClientAuth.OPTIONAL);
        assertThatThrownBy(() -> get(TlsClients.presenting(localhost.cert(), otherClient))).isInstanceOf(IOException.class);
        assertThat(backend.requests).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void optionalServesAClientWithoutACertificate(TlsProvider provider) throws Exception {
        start(provider, ClientAuth.OPTIONAL);

        assertThat(get(TlsClients.trusting(localhost.cert()))).isEqualTo(200);
        assertThat(get(TlsClients.presenting(localhost.cert(), client))).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aReloadReadsTheClientCaAgain(TlsProvider provider) throws Exception {
        start(provider, ClientAuth.REQUIRED);
        assertThat(proxy.server.tls().files()).as("watched for changes on disk too").contains(clientCa);
        Files.copy(otherAuthority.cert(), clientCa, StandardCopyOption.REPLACE_EXISTING);

        assertThat(proxy.server.tls().reload(proxy.topology.config())).singleElement().asString()
                .startsWith("listeners[0].tls.client_ca: new certificates CN=other-ca until ");

        assertThat(get(TlsClients.presenting(localhost.cert(), otherClient))).isEqualTo(200);
        assertThatThrownBy(() -> get(TlsClients.presenting(localhost.cert(), client))).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void handshakesAndTheRefusedOnesAreCountedPerListener(TlsProvider provider) throws Exception {
        start(provider, ClientAuth.REQUIRED);
        Handshakes handshakes = proxy.server.tls().listener(0).orElseThrow().handshakes();

        assertThat(get(TlsClients.presenting(localhost.cert(), client))).isEqualTo(200);
        // One connection (HttpClient would try a refused GET twice): TLS 1.3 clients learn of the refusal on reading.
        SSLContext refused = TlsClients.presentingContext(localhost.cert(), otherClient);
        try (SSLSocket socket = (SSLSocket) refused.getSocketFactory().createSocket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            assertThatThrownBy(() -> {
                socket.startHandshake();
                socket.getInputStream().read();
            }).isInstanceOf(IOException.class);
        }

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(handshakes.succeeded()).isEqualTo(1);
            assertThat(handshakes.failed()).isEqualTo(1);
        });
    }
}
