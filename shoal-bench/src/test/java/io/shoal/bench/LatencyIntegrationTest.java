package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoal.bench.internal.TextSummary;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Against a server that always takes 50 ms, the measured latency is 50 ms, in both models. */
class LatencyIntegrationTest {
    @Test
    void closedModelMeasuresTheServersFiftyMilliseconds() throws Exception {
        try (TestServer server = TestServer.start(8, exchange -> {
            TestServer.sleep(50);
            TestServer.respond(exchange, 200, "ok");
        })) {
            BenchResult result = Bench.run(LoadPlan.builder(server.uri("/")).connections(4).threads(1)
                    .duration(Duration.ofSeconds(2)).build(), s -> { });
            System.out.print(TextSummary.of(result));

            assertThat(result.millisAt(50)).isCloseTo(52, within(3.0));
            assertThat(result.failures()).isZero();
            assertThat(result.responses()).isGreaterThan(100);
        }
    }

    @Test
    void openModelBelowCapacityMeasuresTheSame() throws Exception {
        try (TestServer server = TestServer.start(8, exchange -> {
            TestServer.sleep(50);
            TestServer.respond(exchange, 200, "ok");
        })) {
            BenchResult result = Bench.run(LoadPlan.builder(server.uri("/")).connections(8).threads(1).rate(40)
                    .duration(Duration.ofSeconds(2)).build(), s -> { });
            System.out.print(TextSummary.of(result));

            assertThat(result.millisAt(50)).isCloseTo(52, within(3.0));
            assertThat(result.responses()).isEqualTo(80);
            assertThat(result.dropped()).isZero();
        }
    }
}
