package io.shoal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.HealthCheckConfig;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful draining, the step before scale-in or a rolling update: slow requests in flight on the
 * drained server all complete, it gets no new request, its idle keep-alive connections close at
 * once and its busy ones after their response, and the drain completes when the last one ends.
 */
class DrainIntegrationTest {
    private static final int SLOW_MILLIS = 2000;
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** How long a drain is watched for not ending: several of its polls. */
    private static final Duration WATCH = Duration.ofMillis(150);

    private final Resources resources = new Resources();

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    @Test
    void drainingLetsRequestsInFlightCompleteSendsNothingNewAndClosesConnections() throws Exception {
        HealthBackend a = resources.track(new HealthBackend("a"));
        HealthBackend b = resources.track(new HealthBackend("b"));
        // Health checks keep running on a draining server, and must not bring it back.
        HealthCheckConfig check = TestConfigs.http("/health", Duration.ofMillis(200), Duration.ofSeconds(1), 2, 2, true);
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(TestConfigs.health(check), a.address(), b.address())));
        Server serverA = proxy.server(a.address());

        // Round robin alternates: 3 of the 6 slow requests go to a, each on its own upstream connection.
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slow.add(proxy.client.sendAsync(proxy.request("/slow?ms=" + SLOW_MILLIS),
                    HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> a.inFlight.get() + b.inFlight.get() == 6);
        int slowOnA = a.inFlight.get();
        assertThat(slowOnA).isEqualTo(3);
        assertThat(serverA.inFlight()).isEqualTo(3);
        // Quick requests beside them leave idle keep-alive connections to a in the proxy's pools.
        for (int i = 0; i < 4; i++) {
            assertThat(proxy.get("/").statusCode()).isEqualTo(200);
        }
        assertThat(a.trafficConnections.get()).as("busy and idle connections to a").isGreaterThan(slowOnA);

        int requestsToABefore = a.requests.get();
        long drainStarted = System.nanoTime();
        CompletableFuture<Drain.Outcome> drain = Drain.start(serverA, proxy.topology.config().services().get("web")
                .health().drainTimeout(), proxy.topology);

        assertThat(serverA.state()).isEqualTo(ServerState.DRAINING);
        await("idle connections to a closed").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> a.trafficConnections.get() == slowOnA);
        long idleClosedMillis = (System.nanoTime() - drainStarted) / 1_000_000;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = proxy.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("b");
        }
        assertThat(a.requests.get()).as("new requests reaching a while draining").isEqualTo(requestsToABefore);
        assertThat(drain).as("the drain waits for the requests in flight").isNotDone();
        int checksDuringDrain = a.health200.get();

        Drain.Outcome outcome = drain.get(SLOW_MILLIS + 3000, TimeUnit.MILLISECONDS);
        long drainedAt = System.nanoTime();

        assertThat(outcome).isEqualTo(Drain.Outcome.DRAINED);
        for (CompletableFuture<HttpResponse<String>> response : slow) {
            assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(slow.stream().map(f -> f.join().body()).filter("a"::equals).count()).isEqualTo(slowOnA);
        assertThat(drainedAt - a.lastSlowAnsweredNanos).as("drained after a's last answer").isPositive();
        long lagMillis = (drainedAt - a.lastSlowAnsweredNanos) / 1_000_000;
        await("busy connections to a closed after their response").atMost(Duration.ofSeconds(1))
                .until(() -> a.trafficConnections.get() == 0);
        assertThat(serverA.inFlight()).isZero();
        await("checks go on while draining").atMost(Duration.ofSeconds(2))
                .until(() -> a.health200.get() > checksDuringDrain + 2);
        assertThat(serverA.state()).as("passing checks do not end a drain").isEqualTo(ServerState.DRAINING);
        assertThat(a.requests.get()).isEqualTo(requestsToABefore);

        System.out.printf("drain: %d slow requests on a completed, idle connections closed %d ms after the"
                + " drain started, drain completed %d ms after a's last answer (%d ms in all)%n", slowOnA,
                idleClosedMillis, lagMillis, (drainedAt - drainStarted) / 1_000_000);
    }

    @Test
    void aDrainEndsWhenItsTimeoutHasPassedOnTheTopologysClock() throws Exception {
        HealthBackend a = resources.track(new HealthBackend("a"));
        AtomicLong nanos = new AtomicLong(); // the topology's time, moved by hand
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(TestConfigs.health(null), a.address()),
                nanos::get));
        Server serverA = proxy.server(a.address());

        CompletableFuture<HttpResponse<String>> slow = proxy.client.sendAsync(proxy.request("/slow?ms=" + SLOW_MILLIS),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.inFlight.get() == 1);
        CompletableFuture<Drain.Outcome> drain = Drain.start(serverA, TIMEOUT, proxy.topology);

        await("not over while the clock stands").during(WATCH).atMost(WATCH.multipliedBy(3)).until(() -> !drain.isDone());
        nanos.addAndGet(TIMEOUT.toNanos() - 1);
        await("not over a nanosecond before the timeout").during(WATCH).atMost(WATCH.multipliedBy(3))
                .until(() -> !drain.isDone());
        nanos.incrementAndGet();

        assertThat(drain.get(5, TimeUnit.SECONDS)).isEqualTo(Drain.Outcome.TIMED_OUT);
        assertThat(serverA.inFlight()).as("the request still runs").isEqualTo(1);
        assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).as("the request itself is not cut").isEqualTo(200);
    }
}
