package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Ramps in rate send exactly the requests the schedule asks for; ramps in connections open and retire them. */
class StagesIntegrationTest {
    @Test
    void rateStagesSendTheAreaUnderTheRate() throws Exception {
        AtomicInteger served = new AtomicInteger();
        try (TestServer server = TestServer.start(4, exchange -> {
            served.incrementAndGet();
            TestServer.respond(exchange, 200, "ok");
        })) {
            // 0 -> 100/s over 1 s (50 requests), then 100/s for 1 s (100 requests)
            LoadPlan plan = LoadPlan.builder(server.uri("/")).connections(4).threads(1).rate(0)
                    .stages(Stage.parseList("1s:100,1s:100")).build();
            Bench.run(plan.lasting(Duration.ofMillis(300)), s -> { }); // the JDK server starts slowly
            served.set(0);
            BenchResult r = Bench.run(plan, s -> { });

            assertThat(r.requests() + r.dropped()).isEqualTo(150);
            assertThat(r.dropped()).isLessThanOrEqualTo(5); // the JDK server's cold start may leave a few unsent
            assertThat(served.get()).isEqualTo((int) r.responses());
            assertThat(r.timeline().get(1).target()).isEqualTo(100.0);
        }
    }

    @Test
    void connectionStagesRampUpAndDown() throws Exception {
        try (TestServer server = TestServer.start(8, exchange -> {
            TestServer.sleep(20);
            TestServer.respond(exchange, 200, "ok");
        })) {
            // from 1 connection to 6 over 1 s, hold 1 s, down to 1 over 1 s, hold 1 s
            LoadPlan plan = LoadPlan.builder(server.uri("/")).connections(1).threads(2)
                    .stages(Stage.parseList("1s:6,1s:6,1s:1,1s:1")).build();
            Bench.run(plan.lasting(Duration.ofMillis(300)), s -> { }); // the JDK server starts slowly
            BenchResult r = Bench.run(plan, s -> { });
            r.timeline().forEach(System.out::println);

            assertThat(connectionsAt(r, 1)).isBetween(5, 6);
            assertThat(r.timeline()).extracting(Second::connections).contains(6).allMatch(c -> c <= 6);
            assertThat(connectionsAt(r, 3)).isBetween(1, 2);
            assertThat(r.failures()).isZero();
            assertThat(r.elapsed().toMillis()).as("the stages' 4 s").isGreaterThanOrEqualTo(4000L);
        }
    }

    /**
     * The connections open at the sample taken {@code second} seconds into the run, or the next one: a sample
     * comes late when the machine is busy, and the stages hold their count for a second after 1 s and 3 s.
     */
    private static int connectionsAt(BenchResult r, int second) {
        return r.timeline().stream().filter(s -> s.atSeconds() >= second).findFirst().orElseThrow().connections();
    }
}
