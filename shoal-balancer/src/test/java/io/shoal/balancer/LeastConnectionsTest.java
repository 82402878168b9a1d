package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeastConnectionsTest {

    private final TestContext context = new TestContext();

    @Test
    void idleTargetsOfEqualWeightRotate() {
        var balancer = new LeastConnections<>(TestTarget.equal(3));
        assertThat(Picks.sequence(balancer, context, 7)).isEqualTo("a b c a b c a");
    }

    @Test
    void idleTargetsFollowWeightedRoundRobinLikeNginx() {
        var balancer = new LeastConnections<>(TestTarget.weighted(5, 1, 1));
        assertThat(Picks.sequence(balancer, context, 7)).isEqualTo("a a b a c a a");
    }

    @Test
    void picksFewestInFlight() {
        List<TestTarget> targets = TestTarget.equal(3);
        targets.get(0).inFlight(3);
        targets.get(1).inFlight(1);
        targets.get(2).inFlight(2);
        assertThat(Picks.sequence(new LeastConnections<>(targets), context, 3)).isEqualTo("b b b");
    }

    @Test
    void comparesInFlightPerUnitOfWeight() {
        List<TestTarget> targets = TestTarget.weighted(3, 1);
        var balancer = new LeastConnections<>(targets);
        targets.get(0).inFlight(2);
        targets.get(1).inFlight(1);
        assertThat(balancer.pick(context).name).isEqualTo("a"); // 2/3 < 1/1
        targets.get(0).inFlight(4);
        assertThat(balancer.pick(context).name).isEqualTo("b"); // 4/3 > 1/1
        targets.get(0).inFlight(3);
        assertThat(Picks.sequence(balancer, context, 4)).isEqualTo("a a b a"); // 3/3 = 1/1: schedule of 3,1
    }

    @Test
    void tiedSubsetAlternates() {
        List<TestTarget> targets = TestTarget.equal(3);
        targets.get(1).inFlight(5);
        assertThat(Picks.sequence(new LeastConnections<>(targets), context, 6)).isEqualTo("a c a c a c");
    }

    @Test
    void skipsUnavailableAndExcluded() {
        List<TestTarget> targets = TestTarget.equal(3);
        var balancer = new LeastConnections<>(targets);
        targets.get(2).inFlight(9);
        targets.get(0).available(false);
        assertThat(Picks.sequence(balancer, context, 2)).isEqualTo("b b");
        context.exclude(targets.get(1));
        assertThat(Picks.sequence(balancer, context, 2)).isEqualTo("c c");
        targets.get(2).available(false);
        assertThat(balancer.pick(context)).isNull();
        assertThat(new LeastConnections<TestTarget>(List.of()).pick(context)).isNull();
    }

    @Test
    void withoutCompletionsInFlightStaysProportionalToWeight() {
        List<TestTarget> targets = TestTarget.weighted(2, 1, 3);
        var balancer = new LeastConnections<>(targets);
        for (int i = 0; i < 600; i++) {
            balancer.pick(context).start();
        }
        assertThat(targets).extracting(TestTarget::inFlight).containsExactly(200, 100, 300);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void alwaysPicksAMinimalLoad(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(10);
        int[] weights = new int[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1 + random.nextInt(5);
        }
        List<TestTarget> targets = TestTarget.weighted(weights);
        var balancer = new LeastConnections<>(targets);
        for (int round = 0; round < 500; round++) {
            double min = Double.MAX_VALUE;
            for (TestTarget target : targets) {
                target.inFlight(random.nextInt(6)).available(random.nextInt(4) > 0);
                if (target.isAvailable(0)) {
                    min = Math.min(min, (double) target.inFlight() / target.weight());
                }
            }
            TestTarget picked = balancer.pick(context);
            if (min == Double.MAX_VALUE) {
                assertThat(picked).isNull();
            } else {
                assertThat(picked.isAvailable(0)).isTrue();
                assertThat((double) picked.inFlight() / picked.weight()).isEqualTo(min);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void idleSharesFollowWeights(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 2 + random.nextInt(5);
        int[] weights = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = 1 + random.nextInt(9);
            total += weights[i];
        }
        Map<String, Integer> counts = Picks.counts(new LeastConnections<>(TestTarget.weighted(weights)), context, 10 * total);
        for (int i = 0; i < n; i++) {
            assertThat(counts.get(TestTarget.name(i))).isEqualTo(10 * weights[i]);
        }
    }
}
