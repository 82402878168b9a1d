package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.shoal.config.BalanceConfig;
import io.shoal.config.PemFiles;
import io.shoal.config.RetryPolicy;
import io.shoal.config.ServiceConfig;
import io.shoal.config.UpstreamTlsConfig;
import io.shoal.config.UpstreamTlsConfig.Verify;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's {@code tls}: Shoal speaks TLS to a real HTTPS server and checks its certificate. */
class UpstreamTlsIntegrationTest {
    @TempDir
    Path dir;
    private final List<HttpsServer> backends = new ArrayList<>();
    /** The client port of each request the backend served: the same port twice is a reused connection. */
    private final ConcurrentLinkedQueue<Integer> requestPorts = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        backends.forEach(backend -> backend.stop(0));
    }

    private String startBackend(TestCertificates.Issued certificate) throws Exception {
        List<X509Certificate> chain = PemFiles.chain(certificate.cert());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", PemFiles.privateKey(certificate.key()), new char[0],
                chain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), null, null);
        HttpsServer backend = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.setHttpsConfigurator(new HttpsConfigurator(ssl));
        backend.createContext("/", exchange -> {
            requestPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = "secure".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        backends.add(backend);
        return "127.0.0.1:" + backend.getAddress().getPort();
    }

    private static ServiceConfig service(String server, UpstreamTlsConfig tls) {
        return service(List.of(server), 1, tls);
    }

    private static ServiceConfig service(List<String> servers, int tries, UpstreamTlsConfig tls) {
        ServiceConfig s = TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                servers.stream().map(TestConfigs::server).toList());
        return new ServiceConfig(s.name(), s.servers(), s.balance(), s.sticky(), s.timeouts(),
                new RetryPolicy(tries, Duration.ZERO, Set.of(RetryPolicy.RetryOn.ERROR)), s.queue(), s.pool(),
                s.health(), s.run(), s.autoscale(), tls);
    }

    private static RunningProxy proxy(ServiceConfig service) throws InterruptedException {
        return new RunningProxy(TestConfigs.config(List.of(TestConfigs.catchAll("web")), service));
    }

    @Test
    void proxiesToAVerifiedServerAndReusesTheConnection() throws Exception {
        TestCertificates.Issued cert = TestCertificates.issue(dir, "api.internal", "api.internal");
        String server = startBackend(cert);

        try (RunningProxy proxy = proxy(service(server, new UpstreamTlsConfig(Verify.REQUIRED, cert.cert(), "api.internal")))) {
            assertThat(proxy.get("/").body()).isEqualTo("secure");
            assertThat(proxy.get("/").statusCode()).isEqualTo(200);

            assertThat(requestPorts).hasSize(2);
            assertThat(Set.copyOf(requestPorts)).as("one connection for both requests").hasSize(1);
        }
    }

    @Test
    void aCertificateForAnotherNameIsABadGatewayCountedAgainstTheServer() throws Exception {
        TestCertificates.Issued cert = TestCertificates.issue(dir, "other.internal", "other.internal");
        String server = startBackend(cert);

        try (RunningProxy proxy = proxy(service(server, new UpstreamTlsConfig(Verify.REQUIRED, cert.cert(), "api.internal")))) {
            assertThat(proxy.get("/").statusCode()).isEqualTo(502);

            assertThat(requestPorts).isEmpty();
            assertThat(proxy.topology.current().service("web").servers().get(0).traffic().failures()).isEqualTo(1);
        }
    }

    @Test
    void aFailedHandshakeIsRetriedOnAnotherServerAsNothingWasSent() throws Exception {
        TestCertificates.Issued right = TestCertificates.issue(dir, "api.internal", "api.internal");
        String wrongServer = startBackend(TestCertificates.issue(dir, "other.internal", "other.internal"));
        String rightServer = startBackend(right);
        UpstreamTlsConfig tls = new UpstreamTlsConfig(Verify.REQUIRED, right.cert(), "api.internal");

        try (RunningProxy proxy = proxy(service(List.of(wrongServer, rightServer), 2, tls))) {
            for (int i = 0; i < 4; i++) {
                assertThat(proxy.get("/").statusCode()).isEqualTo(200);
            }
            assertThat(proxy.topology.current().service("web").servers().get(0).traffic().failures()).isPositive();
            assertThat(requestPorts).hasSize(4);
        }
    }

    @Test
    void verifyNoneConnectsToAnyCertificate() throws Exception {
        TestCertificates.Issued cert = TestCertificates.issue(dir, "other.internal", "other.internal");
        String server = startBackend(cert);

        ServiceConfig service = service(server, new UpstreamTlsConfig(Verify.NONE, null, "api.internal"));
        try (RunningProxy proxy = proxy(service)) {
            assertThat(proxy.get("/").statusCode()).isEqualTo(200);
        }
        assertThat(UpstreamTls.warnings(TestConfigs.config(List.of(TestConfigs.catchAll("web")), service)))
                .singleElement().asString().startsWith("services.web.tls.verify is false");
    }
}
