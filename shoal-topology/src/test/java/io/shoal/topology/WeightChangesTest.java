package io.shoal.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.ConfigException;
import io.shoal.config.HostPort;
import io.shoal.config.QuickConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A weight set at run time or changed by a new configuration is applied to the balancer at once, and the
 * server keeps its instance (state, in-flight count, figures); other changed settings make a new server.
 */
class WeightChangesTest {
    private final Topology topology;

    WeightChangesTest() throws ConfigException {
        topology = Topology.of(QuickConfig.builder().listen("127.0.0.1:0")
                .backends(List.of("127.0.0.1:9001", "127.0.0.1:9002")).build());
    }

    @Test
    void aWeightSetAtRunTimeSteersTheBalancer() {
        Server first = server(0);
        topology.setWeight(first, 3);
        assertThat(first.configuredWeight()).isEqualTo(3);
        assertThat(first.config().weight()).isEqualTo(1);
        assertThat(picks(8)).containsExactly(6L, 2L);
    }

    @Test
    void aNewConfigurationChangingTheWeightKeepsTheServer() {
        Server first = server(0);
        first.setState(ServerState.MAINT, "test");
        first.onRequestStart();
        ServerConfig heavier = new ServerConfig(first.config().address(), 3, false, 0, first.config().maxFails(),
                first.config().failTimeout());
        change(List.of(heavier, server(1).config()));

        assertThat(server(0)).isSameAs(first);
        assertThat(first.config()).isEqualTo(heavier);
        assertThat(first.state()).isEqualTo(ServerState.MAINT);
        assertThat(first.inFlight()).isEqualTo(1);
        first.setState(ServerState.UP, "test");
        first.onRequestEnd();
        assertThat(picks(8)).containsExactly(6L, 2L);
    }

    @Test
    void otherChangedSettingsMakeANewServer() {
        Server first = server(0);
        ServerConfig other = new ServerConfig(first.config().address(), 1, false, 0, 7, Duration.ofSeconds(3));
        change(List.of(other, server(1).config()));
        assertThat(server(0)).isNotSameAs(first);
        assertThat(server(0).config()).isEqualTo(other);
        change(List.of(ServerConfig.of(new HostPort("127.0.0.1", 9003))));
        assertThat(topology.current().service(QuickConfig.SERVICE).servers()).extracting(Server::toString)
                .containsExactly("127.0.0.1:9003");
    }

    private void change(List<ServerConfig> servers) {
        topology.updateService(QuickConfig.SERVICE, (ServiceConfig service) -> service.withServers(servers));
    }

    private Server server(int index) {
        return topology.current().service(QuickConfig.SERVICE).servers().get(index);
    }

    private List<Long> picks(int n) {
        return Picks.of(topology, QuickConfig.SERVICE, n);
    }
}
