package io.shoal.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoal.config.ConfigException;
import io.shoal.config.QuickConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HAProxy-style figures a server keeps: downtime and the time since the last change on the
 * topology's clock, the most requests in flight at once, the connect and response-time histograms,
 * and the queue's current and highest length.
 */
class ServerFiguresTest {
    private final ManualClock clock = new ManualClock();
    private final Topology topology;

    ServerFiguresTest() throws ConfigException {
        topology = Topology.of(QuickConfig.builder().listen("127.0.0.1:0")
                .backends(List.of("127.0.0.1:9001")).build(), clock);
    }

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void downtimeAddsEveryDownPeriodAndTheCurrentOne() {
        Server server = server();
        clock.advance(Duration.ofSeconds(7));
        assertThat(downtime(server)).as("UP since creation").isZero();
        assertThat(server.status().secondsSince(clock.nanoTime())).isEqualTo(7);

        server.setState(ServerState.DOWN, "test");
        clock.advance(Duration.ofSeconds(3));
        assertThat(downtime(server)).as("the current period counts").isEqualTo(3);
        server.setState(ServerState.UP, "test");
        clock.advance(Duration.ofSeconds(10));
        server.setState(ServerState.MAINT, "test");
        clock.advance(Duration.ofSeconds(4));
        assertThat(downtime(server)).as("MAINT is not downtime").isEqualTo(3);
        assertThat(server.status().secondsSince(clock.nanoTime())).isEqualTo(4);
        server.setState(ServerState.DOWN, "test");
        clock.advance(Duration.ofMillis(1500));
        assertThat(downtime(server)).isEqualTo(4.5);
        server.explain(ServerState.DOWN, "still down");
        assertThat(downtime(server)).as("a new reason is no change").isEqualTo(4.5);
        assertThat(server.status().secondsSince(clock.nanoTime())).isEqualTo(1.5);
    }

    @Test
    void theMostRequestsInFlightAtOnceStaysAfterTheyEnd() {
        Server server = server();
        server.onRequestStart();
        server.onRequestStart();
        server.onRequestEnd();
        server.onRequestStart();
        server.onRequestStart();
        server.onRequestEnd();
        server.onRequestEnd();
        server.onRequestEnd();
        assertThat(server.inFlight()).isZero();
        assertThat(server.traffic().maxInFlight()).isEqualTo(3);
    }

    @Test
    void connectAndResponseTimesStartAtAHundredMicroseconds() {
        ServerTraffic traffic = server().traffic();
        traffic.recordConnect(80_000); // 80 us
        traffic.recordConnect(400_000); // 400 us
        traffic.recordResponseTime(2_000_000_000L); // 2 s
        assertThat(LatencyHistogram.boundsSeconds()).hasSize(17).startsWith(0.0001, 0.00025, 0.0005).endsWith(25);
        assertThat(traffic.connectTime().cumulativeBuckets())
                .containsExactly(1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        assertThat(traffic.connectTime().sumSeconds()).isCloseTo(0.00048, within(1e-12));
        assertThat(traffic.responseTime().cumulativeBuckets())
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
        assertThat(traffic.latency().cumulativeBuckets()[17]).as("the attempt histogram is apart").isZero();
    }

    @Test
    void theQueueKeepsItsHighestLengthAndRefusesPastItsCapacity() {
        QueueFigures queue = topology.queue("web");
        assertThat(queue.tryEnter(2)).isTrue();
        assertThat(queue.tryEnter(2)).isTrue();
        assertThat(queue.tryEnter(2)).as("full").isFalse();
        queue.left();
        queue.left();
        assertThat(queue.tryEnter(2)).isTrue();
        assertThat(queue.current()).isEqualTo(1);
        assertThat(queue.max()).isEqualTo(2);
        assertThat(topology.queue("web")).as("one per service").isSameAs(queue);
    }

    private double downtime(Server server) {
        return server.status().downNanos(clock.nanoTime()) / 1e9;
    }

    private Server server() {
        return topology.current().services().values().iterator().next().servers().get(0);
    }
}
