package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.ServerConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real backends, a real proxy, a real client: each algorithm spreads requests as documented. */
class BalancingIntegrationTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    private TestBackend backend(String name) throws Exception {
        TestBackend backend = new TestBackend(name);
        resources.add(backend);
        return backend;
    }

    private RunningProxy proxy(ShoalConfig config) throws Exception {
        RunningProxy proxy = new RunningProxy(config);
        resources.add(0, proxy);
        return proxy;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void roundRobinSpreads12RequestsOver3ServersEvenlyInOrder() throws Exception {
        TestBackend a = backend("a"), b = backend("b"), c = backend("c");
        RunningProxy proxy = proxy(TestConfigs.simple(Algorithm.ROUND_ROBIN, a, b, c));

        StringBuilder sequence = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = proxy.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            sequence.append(response.body());
        }

        assertThat(sequence.toString()).isEqualTo("abcabcabcabc");
        assertThat(List.of(a.requests.get(), b.requests.get(), c.requests.get())).containsExactly(4, 4, 4);
    }

    @Test
    void weights3to2to1GiveExactSharesInTheSmoothSequence() throws Exception {
        TestBackend a = backend("a"), b = backend("b"), c = backend("c");
        ShoalConfig config = TestConfigs.config(List.of(TestConfigs.catchAll("web")),
                TestConfigs.service("web", BalanceConfig.of(Algorithm.ROUND_ROBIN), List.of(
                        TestConfigs.server(a.address(), 3), TestConfigs.server(b.address(), 2),
                        TestConfigs.server(c.address(), 1))));
        RunningProxy proxy = proxy(config);

        StringBuilder sequence = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            sequence.append(proxy.get("/").body());
        }

        assertThat(sequence.substring(0, 12)).isEqualTo("abacbaabacba");
        assertThat(List.of(a.requests.get(), b.requests.get(), c.requests.get())).containsExactly(300, 200, 100);
    }

    @Test
    void consistentHashKeepsMostKeysWhenOneOfFourServersLeaves() throws Exception {
        List<TestBackend> backends = List.of(backend("a"), backend("b"), backend("c"), backend("d"));
        BalanceConfig hashUri = new BalanceConfig(Algorithm.HASH,
                new BalanceConfig.HashKey(BalanceConfig.HashKey.Source.URI, null));
        List<ServerConfig> four = new ArrayList<>();
        for (TestBackend backend : backends) {
            four.add(TestConfigs.server(backend.address()));
        }
        RunningProxy proxy = proxy(TestConfigs.config(List.of(TestConfigs.catchAll("web")),
                TestConfigs.service("web", hashUri, four)));

        Map<String, String> before = new HashMap<>();
        for (int key = 0; key < 400; key++) {
            before.put("/item/" + key, proxy.get("/item/" + key).body());
        }
        assertThat(new java.util.HashSet<>(before.values())).hasSize(4);
        proxy.topology.reconfigure(TestConfigs.config(List.of(TestConfigs.catchAll("web")),
                TestConfigs.service("web", hashUri, four.subList(0, 3))));
        int kept = 0;
        for (Map.Entry<String, String> entry : before.entrySet()) {
            String now = proxy.get(entry.getKey()).body();
            assertThat(now).isNotEqualTo("d");
            if (now.equals(entry.getValue())) {
                kept++;
            } else {
                assertThat(entry.getValue()).as("only keys of the server that left move").isEqualTo("d");
            }
        }
        // Every key of the three that stay stays: the share of the one that left depends on the ports drawn.
        long onTheOneThatLeft = before.values().stream().filter("d"::equals).count();
        assertThat(kept).isEqualTo(before.size() - onTheOneThatLeft);
        assertThat(onTheOneThatLeft).isBetween(40L, 160L);
    }

    @Test
    void leastConnPrefersTheIdleServerWhileAnotherHoldsASlowRequest() throws Exception {
        TestBackend a = backend("a"), b = backend("b");
        RunningProxy proxy = proxy(TestConfigs.simple(Algorithm.LEAST_CONN, a, b));

        CompletableFuture<HttpResponse<String>> slow = proxy.client.sendAsync(
                java.net.http.HttpRequest.newBuilder(proxy.uri("/slow?ms=3000")).build(),
                HttpResponse.BodyHandlers.ofString());
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS)
                .until(() -> a.inFlight.get() + b.inFlight.get() == 1);
        TestBackend busy = a.inFlight.get() == 1 ? a : b;
        TestBackend idle = busy == a ? b : a;

        for (int i = 0; i < 10; i++) {
            assertThat(proxy.get("/").body()).isEqualTo(idle.name);
        }
        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo(busy.name);
        assertThat(busy.requests.get()).isEqualTo(1);
        assertThat(idle.requests.get()).isEqualTo(10);
    }

    @Test
    void canarySplitSendsTrafficByWeightAndRoutesMatchInOrder() throws Exception {
        TestBackend api = backend("api"), web = backend("web"), canary = backend("canary");
        io.shoal.config.RouteConfig apiRoute = new io.shoal.config.RouteConfig(null, "/api/", Map.of(), true,
                List.of(new io.shoal.config.RouteConfig.WeightedService("api", 1)));
        io.shoal.config.RouteConfig split = new io.shoal.config.RouteConfig(null, "/", Map.of(), false, List.of(
                new io.shoal.config.RouteConfig.WeightedService("web", 90),
                new io.shoal.config.RouteConfig.WeightedService("canary", 10)));
        RunningProxy proxy = proxy(TestConfigs.config(List.of(apiRoute, split),
                TestConfigs.service("api", BalanceConfig.of(Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(api.address()))),
                TestConfigs.service("web", BalanceConfig.of(Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(web.address()))),
                TestConfigs.service("canary", BalanceConfig.of(Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(canary.address())))));

        assertThat(proxy.get("/api/users?id=7").body()).isEqualTo("api");
        assertThat(api.receivedPaths).containsExactly("/users?id=7");
        for (int i = 0; i < 1000; i++) {
            proxy.get("/page");
        }
        System.out.printf("canary split 90/10 over 1000 requests: web=%d canary=%d%n",
                web.requests.get(), canary.requests.get());
        assertThat(canary.requests.get()).isBetween(50, 150);
        assertThat(web.requests.get() + canary.requests.get()).isEqualTo(1000);
    }
}
