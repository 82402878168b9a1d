package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.CertificateConfig;
import io.shoal.config.HstsConfig;
import io.shoal.config.ListenerConfig;
import io.shoal.config.RouteConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TlsConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.RawBackends;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS listener's Strict-Transport-Security goes on every response, proxied or Shoal's own, in place of the server's. */
class HstsIntegrationTest {
    @TempDir
    Path dir;
    private RawBackends.Misbehaving backend;
    private RunningProxy proxy;
    private HttpClient client;

    /** Only /app is routed; the backend sends a Strict-Transport-Security of its own. */
    @BeforeEach
    void start() throws Exception {
        Issued localhost = TestCertificates.issue(dir, "localhost", "localhost");
        backend = RawBackends.answers("HTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=5\r\n"
                + "Content-Length: 2\r\n\r\nok");
        ShoalConfig plain = TestConfigs.config(List.of(new RouteConfig(null, "/app", Map.of(), false,
                        List.of(new RouteConfig.WeightedService("web", 1)))),
                TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(backend.address()))));
        ListenerConfig listener = plain.listeners().get(0);
        ListenerConfig secured = new ListenerConfig(listener.address(), listener.routes(),
                Optional.of(TlsConfig.of(List.of(new CertificateConfig(localhost.cert(), localhost.key())))),
                Optional.empty(), Optional.of(new HstsConfig(Duration.ofDays(365), true, false)));
        proxy = new RunningProxy(new ShoalConfig(plain.source(), plain.proxy(), List.of(secured), plain.services(),
                plain.accessLog(), plain.admin(), plain.tuning()));
        client = TlsClients.trusting(localhost.cert());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        backend.close();
    }

    @Test
    void proxiedResponseGetsTheListenersValueInPlaceOfTheServers() throws Exception {
        HttpResponse<String> response = get("/app");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(response.headers().allValues("Strict-Transport-Security"))
                .containsExactly("max-age=31536000; includeSubDomains");
    }

    @Test
    void shoalsOwn404GetsItToo() throws Exception {
        HttpResponse<String> response = get("/elsewhere");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().allValues("Strict-Transport-Security"))
                .containsExactly("max-age=31536000; includeSubDomains");
        assertThat(backend.requests).hasValue(0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
