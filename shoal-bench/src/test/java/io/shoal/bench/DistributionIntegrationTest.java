package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.shoal.bench.internal.TextSummary;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Against a server that labels its answers in a known pattern, the counts per instance are exact. */
class DistributionIntegrationTest {
    /** web-1 answers two requests out of four, web-2 and web-3 one each. */
    private static String labelFor(int request) {
        return List.of("web-1", "web-2", "web-1", "web-3").get(request % 4);
    }

    @Test
    void countsByJsonFieldAreExactAndIgnoreNestedFields() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (TestServer server = TestServer.start(2, exchange -> {
            String label = labelFor(requests.getAndIncrement());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            TestServer.respond(exchange, 200, "{\"nested\":{\"instance\":\"decoy\"},\"note\":\"a \\\"quoted\\\" instance\","
                    + "\"instance\":\"" + label + "\",\"uptime\":12}");
        })) {
            BenchResult r = Bench.run(LoadPlan.builder(server.uri("/")).connections(3).threads(2).requests(400)
                    .instanceKey(InstanceKey.jsonField("instance")).build(), s -> { });
            System.out.print(TextSummary.of(r));
            Distribution d = r.distribution().orElseThrow();

            assertThat(d.shares()).containsExactly(
                    new Distribution.Share("web-1", 200, 0.5),
                    new Distribution.Share("web-2", 100, 0.25),
                    new Distribution.Share("web-3", 100, 0.25));
            assertThat(d.unlabelled()).isZero();
            assertThat(d.maxOverMin()).isEqualTo(2.0);
            assertThat(d.stddevOverMean()).isCloseTo(Math.sqrt(2) / 4, within(1e-9)); // 200, 100, 100: stddev 47.14, mean 133.33
        }
    }

    @Test
    void countsByHeaderAreExactAndAnswersWithoutTheHeaderAreCountedApart() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (TestServer server = TestServer.start(2, exchange -> {
            int n = requests.getAndIncrement();
            if (n % 10 != 9) {
                exchange.getResponseHeaders().set("X-Backend", n % 2 == 0 ? "a" : "b");
            }
            TestServer.respond(exchange, 200, "{}");
        })) {
            BenchResult r = Bench.run(LoadPlan.builder(server.uri("/")).connections(2).threads(1).requests(100)
                    .instanceKey(InstanceKey.header("x-backend")).build(), s -> { });
            Distribution d = r.distribution().orElseThrow();

            assertThat(d.shares()).extracting(Distribution.Share::instance, Distribution.Share::count)
                    .containsExactly(tuple("a", 50L), tuple("b", 40L));
            assertThat(d.unlabelled()).isEqualTo(10);
            assertThat(d.maxOverMin()).isEqualTo(1.25);
        }
    }
}
