package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.RetryPolicy;
import io.shoal.config.RetryPolicy.RetryOn;
import io.shoal.config.ServiceConfig;
import io.shoal.config.UpstreamTlsConfig;
import io.shoal.config.UpstreamTlsConfig.Verify;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestConfigs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's {@code tls}: Shoal speaks TLS to a real HTTPS server and checks its certificate. */
class UpstreamTlsIntegrationTest {
    @TempDir
    Path dir;
    private final HttpsBackends backends = new HttpsBackends();

    @AfterEach
    void stop() {
        backends.close();
    }

    static ServiceConfig service(String server, UpstreamTlsConfig tls) {
        return service(List.of(server), 1, RetryOn.ERROR, tls);
    }

    private static ServiceConfig service(List<String> servers, int tries, RetryOn retryOn, UpstreamTlsConfig tls) {
        ServiceConfig s = TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                servers.stream().map(TestConfigs::server).toList());
        return new ServiceConfig(s.name(), s.servers(), s.balance(), s.sticky(), s.timeouts(),
                new RetryPolicy(tries, Duration.ZERO, Set.of(retryOn)), s.queue(), s.pool(),
                s.health(), s.run(), s.autoscale(), tls, s.protocol());
    }

    static RunningProxy proxy(ServiceConfig service) throws InterruptedException {
        return new RunningProxy(TestConfigs.config(List.of(TestConfigs.catchAll("web")), service));
    }

    @Test
    void proxiesToAVerifiedServerAndReusesTheConnection() throws Exception {
        TestCertificates.Issued cert = TestCertificates.issue(dir, "api.internal", "api.internal");
        String server = backends.start(cert);

        try (RunningProxy proxy = proxy(service(server, new UpstreamTlsConfig(Verify.REQUIRED, cert.cert(), "api.internal")))) {
            assertThat(proxy.get("/").body()).isEqualTo("secure");
            assertThat(proxy.get("/").statusCode()).isEqualTo(200);

            assertThat(backends.requestPorts).hasSize(2);
            assertThat(Set.copyOf(backends.requestPorts)).as("one connection for both requests").hasSize(1);
        }
    }

    @Test
    void aCertificateForAnotherNameIsABadGatewayCountedAgainstTheServer() throws Exception {
        TestCertificates.Issued cert = TestCertificates.issue(dir, "other.internal", "other.internal");
        String server = backends.start(cert);

        try (RunningProxy proxy = proxy(service(server, new UpstreamTlsConfig(Verify.REQUIRED, cert.cert(), "api.internal")))) {
            assertThat(proxy.get("/").statusCode()).isEqualTo(502);

            assertThat(backends.requestPorts).isEmpty();
            assertThat(proxy.topology.current().service("web").servers().get(0).traffic().failures()).isEqualTo(1);
        }
    }

    @Test
    void aFailedHandshakeIsRetriedOnAnotherServerAsNothingWasSent() throws Exception {
        TestCertificates.Issued right = TestCertificates.issue(dir, "api.internal", "api.internal");
        String wrongServer = backends.start(TestCertificates.issue(dir, "other.internal", "other.internal"));
        String rightServer = backends.start(right);
        UpstreamTlsConfig tls = new UpstreamTlsConfig(Verify.REQUIRED, right.cert(), "api.internal");

        try (RunningProxy proxy = proxy(service(List.of(wrongServer, rightServer), 2, RetryOn.ERROR, tls))) {
            for (int i = 0; i < 4; i++) {
                assertThat(proxy.get("/").statusCode()).isEqualTo(200);
            }
            assertThat(proxy.topology.current().service("web").servers().get(0).traffic().failures()).isPositive();
            assertThat(backends.requestPorts).hasSize(4);
        }
    }

    @Test
    void verifyNoneConnectsToAnyCertificate() throws Exception {
        TestCertificates.Issued cert = TestCertificates.issue(dir, "other.internal", "other.internal");
        String server = backends.start(cert);

        ServiceConfig service = service(server, new UpstreamTlsConfig(Verify.NONE, null, "api.internal"));
        try (RunningProxy proxy = proxy(service)) {
            assertThat(proxy.get("/").statusCode()).isEqualTo(200);
        }
        assertThat(UpstreamTls.warnings(TestConfigs.config(List.of(TestConfigs.catchAll("web")), service)))
                .singleElement().asString().startsWith("services.web.tls.verify is false");
    }

    @Test
    void aHandshakeTheServerNeverAnswersIsATimeoutRetriedOnTimeout() throws Exception {
        TestCertificates.Issued cert = TestCertificates.issue(dir, "api.internal", "api.internal");
        UpstreamTlsConfig tls = new UpstreamTlsConfig(Verify.REQUIRED, cert.cert(), "api.internal");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // The kernel completes TCP for the backlog; nothing ever reads the ClientHello.
            String silentServer = "127.0.0.1:" + silent.getLocalPort();
            String rightServer = backends.start(cert);

            try (RunningProxy proxy = proxy(TestConfigs.withTimeouts(service(List.of(silentServer), 1, RetryOn.TIMEOUT,
                    tls), Duration.ofMillis(300), Duration.ofSeconds(10)))) {
                assertThat(proxy.get("/").statusCode()).isEqualTo(504);
            }
            try (RunningProxy proxy = proxy(TestConfigs.withTimeouts(service(List.of(silentServer, rightServer), 2,
                    RetryOn.TIMEOUT, tls), Duration.ofMillis(300), Duration.ofSeconds(10)))) {
                for (int i = 0; i < 2; i++) {
                    assertThat(proxy.get("/").statusCode()).isEqualTo(200);
                }
            }
        }
    }
}
