package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.bench.internal.TextSummary;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Coordinated omission, shown: a server that answers one request at a time in 20 ms (capacity 50/s) is asked for
 * 100/s. The closed model slows down with it and reports 20 ms; the open model keeps the schedule and reports the
 * wait that requests piled up behind the server, as users arriving at 100/s would see it.
 */
class OpenVersusClosedIntegrationTest {
    @Test
    void openModelReportsTheQueueThatTheClosedModelHides() throws Exception {
        try (TestServer server = TestServer.start(1, exchange -> {
            TestServer.sleep(20);
            TestServer.respond(exchange, 200, "ok");
        })) {
            LoadPlan.Builder plan = LoadPlan.builder(server.uri("/")).connections(4).threads(1).duration(Duration.ofSeconds(3));
            Bench.run(plan.build().lasting(Duration.ofMillis(500)), s -> { }); // the JDK server starts slowly
            BenchResult closed = Bench.run(plan.build(), s -> { });
            BenchResult open = Bench.run(plan.rate(100).build(), s -> { });
            System.out.println("closed model:\n" + TextSummary.of(closed) + "open model at 100/s:\n" + TextSummary.of(open));

            // Closed: 4 in flight behind one worker, so at least about 4 x 20 ms, and it never asks for more than
            // 50/s (how much less depends on the machine's other load).
            assertThat(closed.requestsPerSecond()).isPositive().isLessThanOrEqualTo(52.0);
            assertThat(closed.millisAt(50)).isGreaterThanOrEqualTo(70.0);
            // Open: the backlog grows by 50 requests a second, i.e. a second of waiting per 2 s of run time.
            assertThat(open.millisAt(50)).isGreaterThan(500.0);
            assertThat(open.millisAt(99)).isGreaterThan(1000.0);
            assertThat(open.millisAt(50)).isGreaterThan(5 * closed.millisAt(50));
            assertThat(open.dropped()).isGreaterThan(100);
        }
    }
}
