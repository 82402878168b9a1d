package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * The scaling loop against a fake whose "replicas" are permits of a server that holds one per 20 ms answer: n
 * replicas serve n x 50 answers a second, so the throughput grows with each step. How close to 1 the efficiency
 * comes depends on the machine's other load, so the test checks how it is computed, not its value.
 */
class ScalingRunIntegrationTest {
    /** A semaphore whose number of permits can be set, standing for the replicas of one service. */
    private static final class Replicas extends Semaphore implements ReplicaScaler {
        private final List<String> calls = new ArrayList<>();
        private int count;

        Replicas() {
            super(0, true);
        }

        @Override
        public synchronized int replicas(String service) {
            return count;
        }

        @Override
        public synchronized void scale(String service, int replicas) {
            calls.add(service + "=" + replicas);
            if (replicas > count) {
                release(replicas - count);
            } else {
                reducePermits(count - replicas);
            }
            count = replicas;
        }

        @Override
        public void awaitReady(String service, int replicas, Duration timeout) {
            calls.add("ready " + service + "=" + replicas);
        }
    }

    @Test
    void measuresEachReplicaCountAndItsEfficiency() throws Exception {
        Replicas replicas = new Replicas();
        try (TestServer server = TestServer.start(8, exchange -> {
            replicas.acquireUninterruptibly();
            try {
                TestServer.sleep(20);
            } finally {
                replicas.release();
            }
            TestServer.respond(exchange, 200, "ok");
        })) {
            LoadPlan plan = LoadPlan.builder(server.uri("/")).connections(8).threads(1).duration(Duration.ofMillis(1500)).build();
            replicas.scale("web", 1);
            Bench.run(plan.lasting(Duration.ofMillis(300)), s -> { }); // the JDK server starts slowly
            replicas.scale("web", 3);
            List<ScalingRun.Step> steps = ScalingRun.run(replicas, "web", List.of(1, 2, 4), plan, Duration.ofSeconds(5), s -> { });
            System.out.print(ScalingRun.table(steps));

            assertThat(replicas.calls).endsWith("web=3", "web=1", "ready web=1", "web=2", "ready web=2", "web=4",
                    "ready web=4", "web=3"); // back to the count it had
            assertThat(steps).extracting(ScalingRun.Step::replicas).containsExactly(1, 2, 4);
            assertThat(steps.get(0).efficiency()).isEqualTo(1.0);
            double perReplica = steps.get(0).result().requestsPerSecond();
            for (ScalingRun.Step step : steps) {
                assertThat(step.efficiency()).as("%d replicas", step.replicas())
                        .isCloseTo(step.result().requestsPerSecond() / (step.replicas() * perReplica), within(1e-9));
            }
            // n replicas serve n x 50 answers a second: each step doubles the capacity of the one before
            assertThat(steps).extracting(s -> s.result().requestsPerSecond()).isSortedAccordingTo(Double::compare)
                    .doesNotHaveDuplicates();
            assertThat(ScalingRun.table(steps)).contains("efficiency").contains("replicas");
        }
    }
}
