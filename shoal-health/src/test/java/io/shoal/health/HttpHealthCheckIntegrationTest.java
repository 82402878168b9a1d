package io.shoal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.HealthCheckConfig;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's HAProxy exercise ({@code check inter 2s fall 3 rise 2}, ten times faster): a backend
 * whose {@code /health} starts answering 503 after {@code GET /fail} leaves rotation after exactly
 * {@code fall} failed checks and comes back after exactly {@code rise} passing ones once
 * {@code GET /recover} is called; and seed 004's nginx {@code match} block as a body check.
 */
class HttpHealthCheckIntegrationTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(150);
    private static final int RISE = 2;
    private static final int FALL = 3;
    /** Scheduling slack on a loaded 2-core machine, on top of the intervals and their 10 % jitter. */
    private static final long MARGIN_MILLIS = 300;

    private final Resources resources = new Resources();

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    @Test
    void aBackendWhoseHealthFailsLeavesRotationAfterFallChecksAndReturnsAfterRise() throws Exception {
        HealthBackend web1 = resources.track(new HealthBackend("web-1"));
        HealthBackend web2 = resources.track(new HealthBackend("web-2"));
        HealthBackend web3 = resources.track(new HealthBackend("web-3"));
        HealthCheckConfig check = TestConfigs.http("/health", INTERVAL, TIMEOUT, RISE, FALL, true);
        RunningProxy proxy = resources.track(new RunningProxy(
                TestConfigs.web(TestConfigs.health(check), web1.address(), web2.address(), web3.address())));
        Server one = proxy.server(web1.address());
        // How many checks the backend had answered in its current mode when the state changed.
        AtomicInteger streakAtDown = new AtomicInteger(-1);
        AtomicInteger streakAtUp = new AtomicInteger(-1);
        proxy.topology.addListener((server, previous, now) -> {
            if (server == one) {
                (now.state() == ServerState.DOWN ? streakAtDown : streakAtUp).set(web1.healthStreak);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> web1.health200.get() >= 2);
        assertThat(spread(proxy, 30)).containsEntry("web-1", 10);

        long failedAt = System.nanoTime();
        assertThat(proxy.direct(web1, "/fail")).isEqualTo(200); // curl http://web-1:5000/fail
        await().atMost(Duration.ofSeconds(5)).until(() -> one.state() == ServerState.DOWN);
        long downMillis = millisSince(failedAt, proxy.states.first(one, ServerState.DOWN, failedAt).get().atNanos());

        assertThat(streakAtDown.get()).as("failed checks when it went DOWN").isEqualTo(FALL);
        assertThat(one.status().reason()).contains("failed " + FALL + " checks").contains("HTTP 503");
        assertThat(one.checks().last().passed()).isFalse();
        assertThat(one.checks().last().detail()).isEqualTo("HTTP 503");
        int before = web1.requests.get();
        Map<String, Integer> whileDown = spread(proxy, 30);
        assertThat(whileDown).doesNotContainKey("web-1").containsEntry("web-2", 15).containsEntry("web-3", 15);
        assertThat(web1.requests.get()).isEqualTo(before);

        long recoveredAt = System.nanoTime();
        assertThat(proxy.direct(web1, "/recover")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> one.state() == ServerState.UP);
        long upMillis = millisSince(recoveredAt, proxy.states.first(one, ServerState.UP, recoveredAt).get().atNanos());

        assertThat(streakAtUp.get()).as("passed checks when it came UP").isEqualTo(RISE);
        assertThat(one.status().reason()).startsWith("passed " + RISE + " checks");
        assertThat(spread(proxy, 30)).containsEntry("web-1", 10).containsEntry("web-2", 10).containsEntry("web-3", 10);

        System.out.printf("/fail -> DOWN after %d ms (fall %d x interval %d ms); /recover -> UP after %d ms"
                + " (rise %d x interval %d ms)%n", downMillis, FALL, INTERVAL.toMillis(), upMillis, RISE,
                INTERVAL.toMillis());
        // The first failing check comes within one interval, the others one (fast) interval apart.
        assertThat(downMillis).isLessThanOrEqualTo(bound(FALL));
        assertThat(upMillis).isLessThanOrEqualTo(bound(RISE));
    }

    @Test
    void aBodyMatchCheckFailsAServerThatAnswers200WithTheWrongBody() throws Exception {
        HealthBackend good = resources.track(new HealthBackend("good"));
        HealthBackend degraded = resources.track(new HealthBackend("degraded"));
        degraded.healthBody = "{\"status\":\"degraded\"}";
        // nginx: match server_ok { status 200; body ~ '"status":"healthy"'; }
        HealthCheckConfig check = TestConfigs.withBodyContains(
                TestConfigs.http("/health", INTERVAL, TIMEOUT, RISE, FALL, true), "\"status\":\"healthy\"");
        RunningProxy proxy = resources.track(new RunningProxy(
                TestConfigs.web(TestConfigs.health(check), good.address(), degraded.address())));
        Server goodServer = proxy.server(good.address());
        Server degradedServer = proxy.server(degraded.address());

        await().atMost(Duration.ofSeconds(5)).until(() -> degradedServer.state() == ServerState.DOWN);

        assertThat(degraded.health503.get()).as("it never answered anything but 200").isZero();
        assertThat(degraded.health200.get()).isGreaterThanOrEqualTo(FALL);
        assertThat(degradedServer.checks().last().passed()).isFalse();
        assertThat(degradedServer.checks().last().detail()).isEqualTo("HTTP 200, body lacks \"status\":\"healthy\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> good.health200.get() >= FALL + 1);
        assertThat(goodServer.state()).isEqualTo(ServerState.UP);
        assertThat(proxy.states.of(goodServer)).isEmpty();
        assertThat(goodServer.checks().last().detail()).isEqualTo("HTTP 200");
        int before = degraded.requests.get();
        assertThat(spread(proxy, 10)).containsExactly(Map.entry("good", 10));
        assertThat(degraded.requests.get()).isEqualTo(before);
    }

    private static long bound(int checks) {
        return Math.round(checks * INTERVAL.toMillis() * 1.1) + TIMEOUT.toMillis() + MARGIN_MILLIS;
    }

    /** Sends {@code n} GETs through the proxy; returns how many each backend answered. All must succeed. */
    private static Map<String, Integer> spread(RunningProxy proxy, int n) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> response = proxy.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            counts.merge(response.body(), 1, Integer::sum);
        }
        return counts;
    }

    private static long millisSince(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1_000_000;
    }
}
