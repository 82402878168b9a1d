package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmoothWeightedRoundRobinTest {

    private final TestContext context = new TestContext();

    @Test
    void weights511GiveNginxSequence() {
        var balancer = new SmoothWeightedRoundRobin<>(TestTarget.weighted(5, 1, 1));
        assertThat(Picks.sequence(balancer, context, 14)).isEqualTo("a a b a c a a a a b a c a a");
    }

    @Test
    void equalWeightsRotate() {
        assertThat(Picks.sequence(new SmoothWeightedRoundRobin<>(TestTarget.weighted(1, 1, 1)), context, 7))
                .isEqualTo("a b c a b c a");
        assertThat(Picks.sequence(new SmoothWeightedRoundRobin<>(TestTarget.weighted(4, 4, 4)), context, 7))
                .isEqualTo("a b c a b c a");
    }

    @Test
    void weights321() {
        var balancer = new SmoothWeightedRoundRobin<>(TestTarget.weighted(3, 2, 1));
        assertThat(Picks.sequence(balancer, context, 6)).isEqualTo("a b a c b a");
        assertThat(Picks.counts(balancer, context, 600)).containsExactly(
                Map.entry("a", 300), Map.entry("b", 200), Map.entry("c", 100));
    }

    @Test
    void periodIsReducedByGcd() {
        assertThat(SmoothWeightedRoundRobin.schedule(new int[] {10, 20, 30})).containsExactly(2, 1, 0, 2, 1, 2);
        assertThat(SmoothWeightedRoundRobin.schedule(new int[] {1, 2, 3})).containsExactly(2, 1, 0, 2, 1, 2);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void scheduleRepeatsNginxPeriodOverUnreducedWeights(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(8);
        int scale = 1 + random.nextInt(4);
        int[] weights = new int[n];
        for (int i = 0; i < n; i++) {
            weights[i] = scale * (1 + random.nextInt(10));
        }
        int[] schedule = SmoothWeightedRoundRobin.schedule(weights);
        int[] nginx = nginx(weights);
        assertThat(nginx.length % schedule.length).isZero();
        for (int i = 0; i < nginx.length; i++) {
            assertThat(schedule[i % schedule.length]).as("step %d of %s", i, java.util.Arrays.toString(weights))
                    .isEqualTo(nginx[i]);
        }
    }

    /** nginx's loop as written, over the raw weights, for one full period of their sum. */
    private static int[] nginx(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int[] current = new int[weights.length];
        int[] out = new int[total];
        for (int step = 0; step < total; step++) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (best == -1 || current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            out[step] = best;
        }
        return out;
    }

    @Test
    void skipsUnavailableAndKeepsOthersProportions() {
        List<TestTarget> targets = TestTarget.weighted(5, 1, 1);
        var balancer = new SmoothWeightedRoundRobin<>(targets);
        targets.get(1).available(false);
        assertThat(Picks.sequence(balancer, context, 12)).isEqualTo("a a a c a a a a a c a a");
    }

    @Test
    void heavyTargetDownSplitsItsTurnsEvenly() {
        List<TestTarget> targets = TestTarget.weighted(5, 1, 1);
        var balancer = new SmoothWeightedRoundRobin<>(targets);
        targets.get(0).available(false);
        assertThat(Picks.sequence(balancer, context, 6)).isEqualTo("b c b c b c");
    }

    @Test
    void skipsExcluded() {
        List<TestTarget> targets = TestTarget.weighted(1, 1, 1);
        var balancer = new SmoothWeightedRoundRobin<>(targets);
        context.exclude(targets.get(0));
        assertThat(Picks.sequence(balancer, context, 4)).isEqualTo("b c b c");
    }

    @Test
    void nullWhenNothingUsable() {
        List<TestTarget> targets = TestTarget.weighted(1000, 999, 1);
        var balancer = new SmoothWeightedRoundRobin<>(targets);
        targets.forEach(t -> t.available(false));
        assertThat(balancer.pick(context)).isNull();
        targets.get(2).available(true);
        assertThat(Picks.sequence(balancer, context, 2)).isEqualTo("c c");
        assertThat(new SmoothWeightedRoundRobin<TestTarget>(List.of()).pick(context)).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void exactSharesAmongAvailableOverWholePeriods(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 2 + random.nextInt(7);
        int[] weights = new int[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1 + random.nextInt(10);
        }
        List<TestTarget> targets = TestTarget.weighted(weights);
        int usableWeight = 0;
        for (int i = 0; i < n; i++) {
            boolean up = i == 0 || random.nextInt(3) > 0;
            targets.get(i).available(up);
            usableWeight += up ? weights[i] : 0;
        }
        var balancer = new SmoothWeightedRoundRobin<>(targets);
        int periods = 1 + random.nextInt(50);
        Map<String, Integer> counts = Picks.counts(balancer, context, periods * usableWeight);
        for (TestTarget target : targets) {
            int expected = target.isAvailable(0) ? periods * target.weight() : 0;
            assertThat(counts.getOrDefault(target.name, 0)).as(target.name).isEqualTo(expected);
        }
    }

    @Test
    void concurrentPicksConsumeEachPositionOnce() throws InterruptedException {
        var balancer = new SmoothWeightedRoundRobin<>(TestTarget.weighted(3, 2, 1));
        AtomicIntegerArray counts = new AtomicIntegerArray(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                TestContext local = new TestContext();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < 6000; i++) {
                    counts.incrementAndGet(balancer.pick(local).name.charAt(0) - 'a');
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(counts.toString()).isEqualTo("[12000, 8000, 4000]");
    }

    @Test
    void rejectsBadWeights() {
        assertThatThrownBy(() -> new SmoothWeightedRoundRobin<>(TestTarget.weighted(1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        int[] coprime = new int[1100];
        for (int i = 0; i < coprime.length; i++) {
            coprime[i] = i % 2 == 0 ? 1000 : 999;
        }
        assertThatThrownBy(() -> new SmoothWeightedRoundRobin<>(TestTarget.weighted(coprime)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
    }

    @Test
    void targetsAreAnImmutableCopy() {
        List<TestTarget> source = TestTarget.weighted(1, 1);
        var balancer = new SmoothWeightedRoundRobin<>(source);
        source.remove(0);
        assertThat(balancer.targets()).hasSize(2);
        assertThatThrownBy(() -> balancer.targets().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
