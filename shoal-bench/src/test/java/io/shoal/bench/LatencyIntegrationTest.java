package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.shoal.bench.internal.TextSummary;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Against a server that always takes 50 ms, the median latency measured is 50 ms plus a few: the loopback, the
 * JDK server, and a sleep that oversleeps on a busy machine (by tens of ms when other builds share its two cores,
 * hence only "less than two answers' time", which still catches a request timed twice), in both models. Each test first warms up the server and the client: a cold JDK server stalls for
 * hundreds of milliseconds, which the open model rightly charges to the requests due meanwhile.
 */
class LatencyIntegrationTest {
    @Test
    void closedModelMeasuresTheServersFiftyMilliseconds() throws Exception {
        try (TestServer server = TestServer.start(8, exchange -> {
            TestServer.sleep(50);
            TestServer.respond(exchange, 200, "ok");
        })) {
            LoadPlan plan = LoadPlan.builder(server.uri("/")).connections(4).threads(1).duration(Duration.ofSeconds(2)).build();
            Bench.run(plan.lasting(Duration.ofMillis(500)), s -> { });
            BenchResult result = Bench.run(plan, s -> { });
            System.out.print(TextSummary.of(result));

            assertThat(result.millisAt(50)).isGreaterThanOrEqualTo(50.0).isLessThan(100.0);
            assertThat(result.failures()).isZero();
            // Little's law: 4 requests always in flight, each taking the mean latency.
            double meanSeconds = result.latency().getMean() / 1e6;
            assertThat(result.requestsPerSecond()).isCloseTo(4 / meanSeconds, withinPercentage(10));
        }
    }

    @Test
    void openModelBelowCapacityMeasuresTheSame() throws Exception {
        try (TestServer server = TestServer.start(8, exchange -> {
            TestServer.sleep(50);
            TestServer.respond(exchange, 200, "ok");
        })) {
            LoadPlan plan = LoadPlan.builder(server.uri("/")).connections(8).threads(1).rate(40).duration(Duration.ofSeconds(2)).build();
            Bench.run(plan.lasting(Duration.ofMillis(500)), s -> { });
            BenchResult result = Bench.run(plan, s -> { });
            System.out.print(TextSummary.of(result));

            assertThat(result.millisAt(50)).isGreaterThanOrEqualTo(50.0).isLessThan(100.0);
            assertThat(result.responses()).isEqualTo(80);
            assertThat(result.dropped()).isZero();
        }
    }
}
