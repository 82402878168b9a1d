package io.shoal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.Defaults;
import io.shoal.config.HealthCheckConfig;
import io.shoal.config.PanicConfig;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When no server of a service is UP: {@code panic: fail} (the default) answers 503 with Retry-After
 * and sends nothing to the servers; {@code panic: spread} sends to all of them anyway (Envoy's panic
 * threshold), until one is UP again.
 */
class PanicModeIntegrationTest {
    private static final HealthCheckConfig CHECK =
            TestConfigs.http("/health", Duration.ofMillis(200), Duration.ofMillis(150), 2, 2, false);

    private final Resources resources = new Resources();

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    @Test
    void byDefaultAServiceWithNoServerUpAnswers503WithRetryAfter() throws Exception {
        HealthBackend a = resources.track(unhealthy("a"));
        HealthBackend b = resources.track(unhealthy("b"));
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(TestConfigs.health(CHECK), a.address(), b.address())));
        awaitChecked(proxy, a, b);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = proxy.get("/");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After"))
                    .hasValue(Long.toString(Defaults.PANIC_RETRY_AFTER.toSeconds()));
        }
        assertThat(a.requests.get() + b.requests.get()).isZero();
    }

    @Test
    void panicSpreadServesFromEveryServerAnywayUntilOneIsUp() throws Exception {
        HealthBackend a = resources.track(unhealthy("a"));
        HealthBackend b = resources.track(unhealthy("b"));
        PanicConfig spread = new PanicConfig(PanicConfig.Mode.SPREAD, Defaults.PANIC_RETRY_AFTER);
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(
                TestConfigs.health(CHECK, null, spread, Duration.ZERO), a.address(), b.address())));
        awaitChecked(proxy, a, b);

        Map<String, Integer> panicking = spread(proxy, 10);
        assertThat(panicking).containsEntry("a", 5).containsEntry("b", 5);

        a.setHealthy(true);
        Server serverA = proxy.server(a.address());
        await().atMost(Duration.ofSeconds(5)).until(() -> serverA.state() == ServerState.UP);
        assertThat(spread(proxy, 10)).as("out of panic: only the UP server").containsExactly(Map.entry("a", 10));
    }

    @Test
    void panicSpreadNeverSendsNewRequestsToADrainingServer() throws Exception {
        HealthBackend a = resources.track(unhealthy("a"));
        HealthBackend b = resources.track(unhealthy("b"));
        PanicConfig spread = new PanicConfig(PanicConfig.Mode.SPREAD, Defaults.PANIC_RETRY_AFTER);
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(
                TestConfigs.health(CHECK, null, spread, Duration.ZERO), a.address(), b.address())));
        awaitChecked(proxy, a, b);

        // Being drained (scale-in, rolling update) is an operator's decision, whatever health says.
        Drain.start(proxy.server(b.address()), Duration.ofSeconds(5), proxy.topology).get(5, TimeUnit.SECONDS);

        assertThat(spread(proxy, 10)).containsExactly(Map.entry("a", 10));
        assertThat(b.requests.get()).isZero();
    }

    private static HealthBackend unhealthy(String name) throws InterruptedException {
        HealthBackend backend = new HealthBackend(name);
        backend.setHealthy(false);
        return backend;
    }

    /** Both servers have been checked (and failed), so they are DOWN for a reason, not only at start. */
    private static void awaitChecked(RunningProxy proxy, HealthBackend... backends) {
        for (HealthBackend backend : backends) {
            Server server = proxy.server(backend.address());
            // The first check of a cold JVM may time out instead: wait for one that got its answer.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.checks().last() != null && server.checks().last().detail().equals("HTTP 503"));
            assertThat(server.state()).isEqualTo(ServerState.DOWN);
        }
    }

    private static Map<String, Integer> spread(RunningProxy proxy, int n) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> response = proxy.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            counts.merge(response.body(), 1, Integer::sum);
        }
        return counts;
    }
}
