package io.shoal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.EventExecutor;
import io.shoal.config.HealthCheckConfig;
import io.shoal.config.PanicConfig;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.RebuildThreads;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event loops only read snapshots: health-check results, slow-start ramps, run-time weights and
 * drains are applied on the control thread, the one thread that rebuilds snapshots.
 */
class ControlThreadIntegrationTest {
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration SLOW_START = Duration.ofMillis(600);

    private final Resources resources = new Resources();

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    @Test
    void healthResultsSlowStartWeightsAndDrainsRebuildSnapshotsOnlyOnTheControlThread() throws Exception {
        HealthBackend a = resources.track(new HealthBackend("a"));
        HealthBackend b = resources.track(new HealthBackend("b"));
        HealthCheckConfig check = TestConfigs.http("/health", INTERVAL, Duration.ofSeconds(1), 2, 2, true);
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(
                TestConfigs.health(check, null, PanicConfig.defaults(), SLOW_START), a.address(), b.address())));
        Server serverA = proxy.server(a.address());
        Server serverB = proxy.server(b.address());
        RebuildThreads rebuilds = RebuildThreads.of(proxy.topology);

        assertThat(proxy.direct(b, "/fail")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> serverB.state() == ServerState.DOWN);
        assertThat(proxy.direct(b, "/recover")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> serverB.state() == ServerState.UP);
        await("slow start ramps b to its full weight").atMost(Duration.ofSeconds(5))
                .until(() -> serverB.weight() == serverA.weight());
        proxy.topology.setWeight(serverA, 2);
        assertThat(Drain.start(serverA, Duration.ofSeconds(5), proxy.topology).get(5, TimeUnit.SECONDS))
                .isEqualTo(Drain.Outcome.DRAINED);
        assertThat(proxy.get("/").body()).isEqualTo("b");

        assertThat(rebuilds.threads()).as("rebuilds: b coming UP, its ramp, a's weight").hasSizeGreaterThan(2);
        assertThat(rebuilds.threads()).as("rebuilds on an event loop of the proxy")
                .noneMatch(thread -> isEventLoop(proxy, thread));
        assertThat(rebuilds.threads()).extracting(Thread::getName).containsOnly("shoal-control");
    }

    private static boolean isEventLoop(RunningProxy proxy, Thread thread) {
        for (EventExecutor loop : proxy.server.eventLoopGroup()) {
            if (loop.inEventLoop(thread)) {
                return true;
            }
        }
        return false;
    }
}
