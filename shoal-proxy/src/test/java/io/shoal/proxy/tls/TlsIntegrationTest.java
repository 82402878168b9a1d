package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.config.CertificateConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.TlsConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS termination over real sockets, with both providers: SNI picks each name's certificate, and
 * requests reach a plain HTTP/1.1 backend as https.
 */
class TlsIntegrationTest {
    @TempDir
    static Path dir;
    static Issued first;
    static Issued second;
    static Issued wildcard;
    static Issued exactUnderWildcard;
    static Issued commonNameOnly;
    static Issued localhost;

    private TestBackend backend;
    private RunningProxy proxy;

    @BeforeAll
    static void certificates() {
        first = TestCertificates.issue(dir, "a.example.com", "a.example.com");
        second = TestCertificates.issue(dir, "b.example.com", "b.example.com");
        wildcard = TestCertificates.issue(dir, "wildcard.example.org", "*.example.org");
        exactUnderWildcard = TestCertificates.issue(dir, "api.example.org", "api.example.org");
        commonNameOnly = TestCertificates.issue(dir, "c.example.net");
        localhost = TestCertificates.issue(dir, "localhost", "localhost");
    }

    private void start(TlsProvider provider) throws Exception {
        start(provider, ProxySettings.defaults());
    }

    private void start(TlsProvider provider, ProxySettings settings) throws Exception {
        backend = new TestBackend("b");
        List<CertificateConfig> certificates = Stream.of(first, second, wildcard, exactUnderWildcard, commonNameOnly, localhost)
                .map(c -> new CertificateConfig(c.cert(), c.key())).toList();
        proxy = new RunningProxy(TestConfigs.withTls(TestConfigs.web(settings, backend.address()),
                TlsConfig.of(certificates)), provider);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
            backend.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void sniServesEachNameItsOwnCertificate(TlsProvider provider) throws Exception {
        start(provider);

        assertThat(TlsClients.handshake(proxy.port(), "a.example.com").subject()).isEqualTo(first.subject());
        assertThat(TlsClients.handshake(proxy.port(), "b.example.com").subject()).isEqualTo(second.subject());
        assertThat(TlsClients.handshake(proxy.port(), "B.Example.Com").subject()).isEqualTo(second.subject());
        assertThat(TlsClients.handshake(proxy.port(), "c.example.net").subject()).isEqualTo(commonNameOnly.subject());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aWildcardCoversExactlyOneLabelAndAnExactNameBeatsIt(TlsProvider provider) throws Exception {
        start(provider);

        assertThat(TlsClients.handshake(proxy.port(), "www.example.org").subject()).isEqualTo(wildcard.subject());
        assertThat(TlsClients.handshake(proxy.port(), "api.example.org").subject()).isEqualTo(exactUnderWildcard.subject());
        assertThat(TlsClients.handshake(proxy.port(), "example.org").subject()).isEqualTo(first.subject());
        assertThat(TlsClients.handshake(proxy.port(), "a.b.example.org").subject()).isEqualTo(first.subject());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anUnknownOrMissingNameGetsTheFirstCertificate(TlsProvider provider) throws Exception {
        start(provider);

        assertThat(TlsClients.handshake(proxy.port(), "unknown.example.com").subject()).isEqualTo(first.subject());
        assertThat(TlsClients.handshake(proxy.port(), null).subject()).isEqualTo(first.subject());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void alpnPrefersHttp2AndOnlyTls12And13AreSpoken(TlsProvider provider) throws Exception {
        start(provider);

        assertThat(TlsClients.handshake(proxy.port(), "a.example.com", List.of("TLSv1.3"), List.of("h2", "http/1.1")))
                .isEqualTo(new TlsClients.Handshake(first.subject(), "h2", "TLSv1.3"));
        assertThat(TlsClients.handshake(proxy.port(), "a.example.com", List.of("TLSv1.3"), List.of("http/1.1")))
                .isEqualTo(new TlsClients.Handshake(first.subject(), "http/1.1", "TLSv1.3"));
        assertThat(TlsClients.handshake(proxy.port(), "a.example.com", List.of("TLSv1.2"), List.of()).protocol())
                .isEqualTo("TLSv1.2");
        assertThatThrownBy(() -> TlsClients.handshake(proxy.port(), "a.example.com", List.of("TLSv1.1"), List.of()))
                .isInstanceOf(javax.net.ssl.SSLException.class);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anHttpsRequestReachesAPlainBackendAsHttps(TlsProvider provider) throws Exception {
        start(provider);

        HttpResponse<String> response = TlsClients.trusting(localhost.cert()).send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("b");
        assertThat(backend.receivedHeaders.get(0).get("X-forwarded-proto")).containsExactly("https");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aConnectionClosedAfterItsResponseEndsWithCloseNotify(TlsProvider provider) throws Exception {
        start(provider);
        // OpenSSL's client says "unexpected eof while reading" and fails when TLS ends without close_notify,
        // which is how a client tells a whole response read until the end from a truncated one.
        Process client = new ProcessBuilder("openssl", "s_client", "-quiet", "-connect", "127.0.0.1:" + proxy.port(),
                "-servername", "a.example.com").redirectErrorStream(true).start();
        client.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(client.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("HTTP/1.1 200 ").doesNotContain("unexpected eof");
        assertThat(client.exitValue()).as(output).isZero();
    }

    @Test
    void curlResolvingANameToTheProxyGets200() throws Exception {
        start(TlsProvider.best());
        String authority = "b.example.com:" + proxy.port();
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--resolve", authority + ":127.0.0.1",
                "--cacert", second.cert().toString(), "-o", "/dev/null", "-w", "%{http_code} %{http_version}",
                "https://" + authority + "/").redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("200 2"); // curl offers h2 by ALPN, and gets it
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void plainHttpOnATlsPortIsRefusedAndReachesNoBackend(TlsProvider provider) throws Exception {
        start(provider);

        String answer = plainRequest("GET / HTTP/1.1\r\nHost: a.example.com\r\n\r\n");

        assertThat(answer).doesNotStartWith("HTTP/");
        assertThat(backend.requests).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aFailedHandshakeCountsNowhereAgainstAServer(TlsProvider provider) throws Exception {
        start(provider);

        // The JDK's default trust store does not trust the self-signed certificate: the client aborts.
        try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
        plainRequest("\u0016\u0003\u0001\u0000\u0005hello"); // a handshake record that is not one

        Server server = proxy.topology.current().service("web").servers().get(0);
        assertThat(server.state()).isEqualTo(ServerState.UP);
        assertThat(server.traffic().failures()).isZero();
        assertThat(backend.requests).hasValue(0);
        assertThat(TlsClients.trusting(localhost.cert()).send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aHandshakeThatStallsIsClosedQuietlyAtTheClientHeaderTimeout(TlsProvider provider) throws Exception {
        ProxySettings d = ProxySettings.defaults();
        start(provider, new ProxySettings(1, Duration.ofMillis(200), d.clientBodyTimeout(), d.idleTimeout(),
                d.maxRequestLineBytes(), d.maxHeaderBytes(), d.clientBodyBufferBytes(), d.maxConnections(),
                d.trustedProxies()));

        assertThat(plainRequest("")).isEmpty(); // nothing sent: closed, without a plaintext 408
        assertThat(plainRequest("\u0016\u0003\u0001\u0002\u0000\u0001")).isEmpty(); // half a ClientHello
    }

    /** Writes bytes as they are and reads until the proxy closes the connection. */
    private String plainRequest(String bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(read);
            } catch (java.net.SocketException reset) {
                // a reset is a refusal too
            }
            return read.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
