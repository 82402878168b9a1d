package io.shoal.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.HeaderTemplate;
import io.shoal.config.ListenerConfig;
import io.shoal.config.PolicyConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.RouteConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A route's policies with a real backend and real clients: who may pass, and how often. */
class PoliciesIntegrationTest {
    private TestBackend backend;
    private RunningProxy proxy;

    private void start(ProxySettings settings, PolicyConfig... policies) throws Exception {
        backend = new TestBackend("b");
        RouteConfig route = new RouteConfig(null, "/", Map.of(), false,
                List.of(new RouteConfig.WeightedService("web", 1)), List.of(policies));
        ShoalConfig config = TestConfigs.withH2c(TestConfigs.config(settings, List.of(route),
                TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(backend.address())))));
        proxy = new RunningProxy(config);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
            backend.close();
        }
    }

    @Test
    void anAllowListLetsOnlyItsAddressesThrough() throws Exception {
        start(ProxySettings.defaults(), new PolicyConfig.Access(PolicyConfig.Access.Rule.ALLOW, List.of("10.0.0.0/8")));

        assertThat(get(HttpClient.Version.HTTP_1_1).statusCode()).isEqualTo(403);
        assertThat(backend.requests).hasValue(0);
        assertThat(proxy.server.connectionStats().listeners().get(0).deniedRequests()).isEqualTo(1);
    }

    @Test
    void aDenyListRefusesItsAddressesAndTheFirstPolicyThatStopsARequestAnswers() throws Exception {
        start(ProxySettings.defaults(), new PolicyConfig.Access(PolicyConfig.Access.Rule.ALLOW, List.of("127.0.0.0/8")),
                new PolicyConfig.Access(PolicyConfig.Access.Rule.DENY, List.of("127.0.0.1")));

        assertThat(get(HttpClient.Version.HTTP_1_1).statusCode()).isEqualTo(403);
        assertThat(backend.requests).hasValue(0);
    }

    @Test
    void aRateLimitPassesItsBurstThenAnswers429WithRetryAfterOverBothProtocols() throws Exception {
        start(ProxySettings.defaults(), new PolicyConfig.RateLimit(1.0 / 60, 3, PolicyConfig.RateLimit.Key.CLIENT));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(get(HttpClient.Version.HTTP_1_1).statusCode());
        }
        String limited = curlHttp2Head();

        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(limited).startsWith("HTTP/2 429").contains("retry-after: 60\r\n");
        assertThat(backend.requests).hasValue(3);
    }

    @Test
    void clientsBehindATrustedProxyEachHaveTheirOwnBucket() throws Exception {
        ProxySettings d = ProxySettings.defaults();
        start(new ProxySettings(1, d.clientHeaderTimeout(), d.clientBodyTimeout(), d.idleTimeout(),
                d.maxRequestLineBytes(), d.maxHeaderBytes(), d.clientBodyBufferBytes(), d.maxConnections(),
                List.of("127.0.0.1")), new PolicyConfig.RateLimit(1.0 / 60, 1, PolicyConfig.RateLimit.Key.CLIENT));

        assertThat(get("10.0.0.1").statusCode()).isEqualTo(200);
        assertThat(get("10.0.0.2").statusCode()).isEqualTo(200);
        assertThat(get("10.0.0.1").statusCode()).isEqualTo(429);
    }

    @Test
    void headerEditsReachTheServerAndTheClientOverBothProtocols() throws Exception {
        PolicyConfig.HeaderEdits toServer = new PolicyConfig.HeaderEdits(
                Map.of("X-Env", HeaderTemplate.parse("prod")),
                Map.of("X-Client", HeaderTemplate.parse("$remote_addr via $scheme://$host")),
                List.of("X-Debug"));
        PolicyConfig.HeaderEdits toClient = new PolicyConfig.HeaderEdits(
                Map.of("X-Frame-Options", HeaderTemplate.parse("DENY")),
                Map.of("X-Request-ID", HeaderTemplate.parse("$request_id")),
                List.of("Date"));
        start(ProxySettings.defaults(), new PolicyConfig.RequestId("X-Request-ID"),
                new PolicyConfig.RequestHeaders(toServer), new PolicyConfig.ResponseHeaders(toClient));

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/"))
                        .header("X-Debug", "1").header("X-Env", "dev").build(), HttpResponse.BodyHandlers.ofString());
        String http2Head = curlHttp2Head();

        Map<String, List<String>> received = backend.receivedHeaders.get(0);
        assertThat(received.get("X-env")).containsExactly("prod");
        assertThat(received.get("X-client")).containsExactly("127.0.0.1 via http://127.0.0.1:" + proxy.port());
        assertThat(received).doesNotContainKey("X-debug");
        String id = received.get("X-request-id").get(0);
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(response.headers().firstValue("x-request-id")).hasValue(id);
        assertThat(response.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(response.headers().firstValue("date")).isEmpty();
        assertThat(http2Head).startsWith("HTTP/2 200").contains("x-frame-options: DENY\r\n")
                .contains("x-request-id: " + backend.receivedHeaders.get(1).get("X-request-id").get(0) + "\r\n")
                .doesNotContain("date:");
    }

    @Test
    void aRequestIdTheClientSentIsKept() throws Exception {
        start(ProxySettings.defaults(), new PolicyConfig.RequestId("X-Request-ID"));

        HttpClient.newBuilder().build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/"))
                .header("X-Request-ID", "abc-123").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(backend.receivedHeaders.get(0).get("X-request-id")).containsExactly("abc-123");
    }

    @Test
    void aRouteAnswersItselfWithAFixedResponseOrARedirect() throws Exception {
        backend = new TestBackend("b");
        RouteConfig health = new RouteConfig(null, "/healthz", Map.of(), false, List.of(),
                List.of(new PolicyConfig.Respond(200, "text/plain", "ok\n")));
        RouteConfig moved = new RouteConfig(null, "/old", Map.of(), false, List.of(),
                List.of(new PolicyConfig.Redirect(308, HeaderTemplate.parse("https://$host/new$request_uri"))));
        proxy = new RunningProxy(TestConfigs.withH2c(TestConfigs.config(ProxySettings.defaults(), List.of(health, moved,
                TestConfigs.catchAll("web")), TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                List.of(TestConfigs.server(backend.address()))))));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + proxy.port();

        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> redirect = client.send(HttpRequest.newBuilder(URI.create(base + "/old/a?b=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        String http2 = curlHttp2Head("/old/x");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("ok\n");
        assertThat(ok.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(redirect.statusCode()).isEqualTo(308);
        assertThat(redirect.headers().firstValue("location")).hasValue("https://127.0.0.1:" + proxy.port() + "/new/old/a?b=1");
        assertThat(http2).startsWith("HTTP/2 308").contains("location: https://127.0.0.1:" + proxy.port() + "/new/old/x\r\n");
        assertThat(backend.requests).hasValue(0);
    }

    @Test
    void aListenersPoliciesComeBeforeEveryRoutesAndTheirResponseEditsAddUp() throws Exception {
        backend = new TestBackend("b");
        PolicyConfig listenerHeaders = new PolicyConfig.ResponseHeaders(new PolicyConfig.HeaderEdits(
                Map.of("X-Frame-Options", HeaderTemplate.parse("DENY")), Map.of(), List.of()));
        PolicyConfig routeHeaders = new PolicyConfig.ResponseHeaders(new PolicyConfig.HeaderEdits(
                Map.of("Cache-Control", HeaderTemplate.parse("no-store")), Map.of(), List.of()));
        RouteConfig route = new RouteConfig(null, "/", Map.of(), false,
                List.of(new RouteConfig.WeightedService("web", 1)), List.of(routeHeaders));
        ShoalConfig base = TestConfigs.config(ProxySettings.defaults(), List.of(route),
                TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(backend.address()))));
        var listener = base.listeners().get(0);
        proxy = new RunningProxy(new ShoalConfig(base.source(), base.proxy(), List.of(new ListenerConfig(
                listener.address(), listener.routes(), listener.tls(), listener.redirect(), listener.hsts(), false,
                List.of(listenerHeaders))), base.services(), base.accessLog(), base.admin(), base.tuning()));

        HttpResponse<String> response = get(HttpClient.Version.HTTP_1_1);

        assertThat(response.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void aListenerThatDeniesAClientDeniesItOnEveryRoute() throws Exception {
        backend = new TestBackend("b");
        ShoalConfig base = TestConfigs.config(ProxySettings.defaults(), List.of(TestConfigs.catchAll("web")),
                TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(backend.address()))));
        var listener = base.listeners().get(0);
        proxy = new RunningProxy(new ShoalConfig(base.source(), base.proxy(), List.of(new ListenerConfig(
                listener.address(), listener.routes(), listener.tls(), listener.redirect(), listener.hsts(), false,
                List.of(new PolicyConfig.Access(PolicyConfig.Access.Rule.DENY, List.of("127.0.0.0/8"))))),
                base.services(), base.accessLog(), base.admin(), base.tuning()));

        assertThat(get(HttpClient.Version.HTTP_1_1).statusCode()).isEqualTo(403);
        assertThat(backend.requests).hasValue(0);
    }

    private HttpResponse<String> get(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String forwardedFor) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/"))
                        .header("X-Forwarded-For", forwardedFor).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** HTTP/2 with prior knowledge, which the JDK's client does not speak on plain HTTP: the head curl got. */
    private String curlHttp2Head() throws Exception {
        return curlHttp2Head("/");
    }

    private String curlHttp2Head(String path) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--http2-prior-knowledge", "-D", "-", "-o", "/dev/null",
                "http://127.0.0.1:" + proxy.port() + path).start();
        String head = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return head;
    }
}
