package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * The scaling loop against a fake whose "replicas" are permits of a server that holds one per 20 ms answer: n
 * replicas serve n x 50 answers a second, so efficiency should be close to 1 at every step.
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
            List<ScalingRun.Step> steps = ScalingRun.run(replicas, "web", List.of(1, 2, 4), plan, Duration.ofSeconds(5), s -> { });
            System.out.print(ScalingRun.table(steps));

            assertThat(replicas.calls).endsWith("web=1", "ready web=1", "web=2", "ready web=2", "web=4", "ready web=4");
            assertThat(steps).extracting(ScalingRun.Step::replicas).containsExactly(1, 2, 4);
            assertThat(steps.get(0).efficiency()).isEqualTo(1.0);
            assertThat(steps.get(1).efficiency()).isBetween(0.8, 1.1);
            assertThat(steps.get(2).efficiency()).isBetween(0.75, 1.1);
            assertThat(ScalingRun.table(steps)).contains("efficiency").contains("replicas");
        }
    }
}
