package io.shoal.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.ConfigException;
import io.shoal.config.QuickConfig;
import io.shoal.config.ServiceConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Changes made from any thread (the admin API's, the replica manager's) are applied on the control
 * thread, which alone rebuilds snapshots and tells listeners; the caller sees the change done on return.
 */
class ControlThreadTest {
    private final ManualClock clock = new ManualClock();
    private final Topology topology;
    private final List<String> rebuiltOn = new CopyOnWriteArrayList<>();

    ControlThreadTest() throws ConfigException {
        topology = Topology.of(QuickConfig.builder().listen("127.0.0.1:0")
                .backends(List.of("127.0.0.1:9001", "127.0.0.1:9002")).slowStart("10s").build(), clock);
        topology.onRebuilt(() -> rebuiltOn.add(Thread.currentThread().getName()));
    }

    @AfterEach
    void close() {
        topology.close();
    }

    @Test
    void everyChangeRebuildsOnTheControlThreadAndIsDoneOnReturn() {
        List<String> toldOn = new CopyOnWriteArrayList<>();
        topology.addListener((server, previous, now) -> toldOn.add(Thread.currentThread().getName()));
        Server first = topology.current().service(QuickConfig.SERVICE).servers().get(0);
        clock.advance(Duration.ofSeconds(20)); // past the slow start of the servers' first state

        topology.setWeight(first, 3);
        assertThat(first.configuredWeight()).isEqualTo(3);
        first.setState(ServerState.MAINT, "test");
        assertThat(first.state()).isEqualTo(ServerState.MAINT);
        first.setState(ServerState.UP, "test"); // starts its slow start: a rebuild
        topology.updateService(QuickConfig.SERVICE, (ServiceConfig service) -> service.withServers(
                service.servers().subList(0, 1)));
        assertThat(topology.current().service(QuickConfig.SERVICE).servers()).containsExactly(first);
        topology.reconfigure(config -> config);
        topology.reconfigure(topology.config());

        assertThat(rebuiltOn).hasSize(5).containsOnly(ControlLoop.THREAD_NAME);
        assertThat(toldOn).hasSize(2).containsOnly(ControlLoop.THREAD_NAME);
    }

    @Test
    void whatAChangeThrowsReachesItsCaller() {
        RuntimeException refused = new IllegalArgumentException("refused");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> topology.reconfigure(config -> {
            throw refused;
        })).isSameAs(refused);
        assertThat(rebuiltOn).isEmpty();
    }
}
