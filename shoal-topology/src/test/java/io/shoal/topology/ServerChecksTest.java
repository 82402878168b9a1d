package io.shoal.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.ConfigException;
import io.shoal.config.QuickConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server keeps its last few health-check results, oldest first, and counts them all by outcome. */
class ServerChecksTest {

    @Test
    void keepsTheLastFiveAndCountsEvery() throws ConfigException {
        Server server = Topology.of(QuickConfig.builder().listen("127.0.0.1:0").backends(List.of("127.0.0.1:9001"))
                .build()).current().service(QuickConfig.SERVICE).servers().get(0);
        assertThat(server.checks().last()).isNull();
        for (int i = 1; i <= 7; i++) {
            server.checks().record(new CheckResult(i % 3 != 0, "check " + i, 1000, i));
        }
        assertThat(server.checks().recent()).extracting(CheckResult::detail)
                .containsExactly("check 3", "check 4", "check 5", "check 6", "check 7");
        assertThat(server.checks().last().detail()).isEqualTo("check 7");
        assertThat(server.checks().count(true)).isEqualTo(5);
        assertThat(server.checks().count(false)).isEqualTo(2);
    }
}
