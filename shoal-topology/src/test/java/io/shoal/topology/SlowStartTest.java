package io.shoal.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.ConfigException;
import io.shoal.config.QuickConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow start (HAProxy {@code slowstart}): a server that comes UP takes its weight linearly over the
 * slow-start time, measured on the topology's clock from the moment of the change; balancers follow.
 */
class SlowStartTest {
    private static final Duration SLOW_START = Duration.ofSeconds(1);
    private static final int FULL = Server.WEIGHT_SCALE;

    private final ManualClock clock = new ManualClock();
    private final Topology topology;

    SlowStartTest() throws ConfigException {
        topology = Topology.of(QuickConfig.builder().listen("127.0.0.1:0")
                .backends(List.of("127.0.0.1:9001", "127.0.0.1:9002")).slowStart("1s").build(), clock);
    }

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void aServerComingUpRampsItsWeightAndShareOverTheSlowStartTime() {
        Server returning = server(0);
        returning.setState(ServerState.DOWN, "test");
        clock.advance(Duration.ofSeconds(5));
        returning.setState(ServerState.UP, "test");

        assertThat(returning.status().sinceNanos()).isEqualTo(clock.nanoTime());
        assertThat(returning.weight()).as("at the change").isEqualTo(1);
        assertThat(picks(FULL + 1)).containsExactly(1L, (long) FULL);
        int[] expected = {FULL / 4, FULL / 2, 3 * FULL / 4, FULL};
        for (int weight : expected) {
            clock.advance(SLOW_START.dividedBy(4));
            assertThat(topology.refreshWeights()).isTrue();
            assertThat(returning.weight()).isEqualTo(weight);
            assertThat(picks(weight + FULL)).containsExactly((long) weight, (long) FULL);
        }
        clock.advance(SLOW_START);
        assertThat(topology.refreshWeights()).as("nothing ramps any more").isFalse();
    }

    @Test
    void theRampFollowsTheClockNotTheCallsAndAStandingClockRebuildsNothing() {
        Server returning = server(0);
        returning.setState(ServerState.MAINT, "test");
        returning.setState(ServerState.UP, "test");
        List<Snapshot> published = new CopyOnWriteArrayList<>();
        topology.onRebuilt(() -> published.add(topology.current()));

        assertThat(topology.refreshWeights()).isFalse();
        assertThat(published).isEmpty();
        clock.advance(SLOW_START.multipliedBy(3).dividedBy(8));
        assertThat(topology.refreshWeights()).isTrue();
        assertThat(returning.weight()).isEqualTo(FULL * 3 / 8);
        assertThat(published).hasSize(1);
    }

    private Server server(int index) {
        return topology.current().service(QuickConfig.SERVICE).servers().get(index);
    }

    private List<Long> picks(int n) {
        return Picks.of(topology, QuickConfig.SERVICE, n);
    }
}
