package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeakEwmaBalancerTest {

    private static final double MS = 1e6;

    private final TestContext context = new TestContext();

    @Test
    void costIsLatencyTimesLoadWithFinaglesPenaltyForUnmeasuredBusyTargets() {
        TestTarget target = new TestTarget("a", 1);
        assertThat(PeakEwmaBalancer.cost(target, 0)).isZero();
        target.inFlight(2);
        assertThat(PeakEwmaBalancer.cost(target, 0)).isEqualTo(PeakEwmaBalancer.PENALTY + 2);
        target.latency(10 * MS);
        assertThat(PeakEwmaBalancer.cost(target, 0)).isEqualTo(30 * MS);
        assertThat(PeakEwmaBalancer.PENALTY).isEqualTo((double) (Long.MAX_VALUE >> 16));
    }

    @Test
    void fasterThenLessLoadedWins() {
        List<TestTarget> targets = TestTarget.equal(2);
        targets.get(0).latency(10 * MS);
        targets.get(1).latency(20 * MS);
        var balancer = new PeakEwmaBalancer<>(targets, Picks.script(1, 0));
        assertThat(Picks.sequence(balancer, context, 2)).isEqualTo("a a");
        targets.get(0).inFlight(2); // 30 ms against 20 ms
        assertThat(Picks.sequence(balancer, context, 2)).isEqualTo("b b");
    }

    @Test
    void newTargetIsTriedOnceThenWaitsForItsFirstResponse() {
        List<TestTarget> targets = TestTarget.equal(2);
        targets.get(0).latency(1 * MS).inFlight(5);
        var balancer = new PeakEwmaBalancer<>(targets, Picks.script(0, 0));
        assertThat(balancer.pick(context).name).isEqualTo("b"); // unmeasured and idle: cost 0
        targets.get(1).inFlight(1);
        assertThat(balancer.pick(context).name).isEqualTo("a"); // unmeasured and busy: penalty
        targets.get(1).latency(2 * MS);
        assertThat(balancer.pick(context).name).isEqualTo("b"); // 4 ms against 6 ms
    }

    @Test
    void costIsPerUnitOfWeight() {
        List<TestTarget> targets = TestTarget.weighted(4, 1);
        targets.get(0).latency(30 * MS);
        targets.get(1).latency(10 * MS);
        var balancer = new PeakEwmaBalancer<>(targets, Picks.script(0, 0));
        assertThat(balancer.pick(context).name).isEqualTo("a"); // 30/4 < 10/1
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void fastestWinsEveryPairItIsIn(long seed) {
        List<TestTarget> targets = TestTarget.equal(3);
        targets.get(0).latency(1 * MS);
        targets.get(1).latency(2 * MS);
        targets.get(2).latency(4 * MS);
        var balancer = new PeakEwmaBalancer<>(targets, new SplittableRandom(seed)::nextInt);
        Map<String, Integer> counts = Picks.counts(balancer, context, 30_000);
        assertThat(counts.get("a")).isBetween(19_000, 21_000); // 2 of 3 pairs
        assertThat(counts.get("b")).isBetween(9_000, 11_000);
        assertThat(counts).doesNotContainKey("c");
    }

    /** Sequential requests, one per virtual millisecond: a slow server is shunned, then retried as its estimate decays. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void slowServerIsAvoidedAndRetriedAfterDecay(long seed) {
        List<TestTarget> targets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            targets.add(new TestTarget(TestTarget.name(i), 1, new PeakEwma()));
        }
        var balancer = new PeakEwmaBalancer<>(targets, new SplittableRandom(seed)::nextInt);
        long[] latency = {1_000_000, 1_000_000, 50_000_000};
        int[] phase1 = run(balancer, targets, latency, 10_000);
        assertThat(phase1[2]).isLessThanOrEqualTo(1);
        latency[2] = 1_000_000; // c recovers, but is tried again only once 50 ms has decayed below 1 ms (39 s)
        int[] phase2 = run(balancer, targets, latency, 25_000);
        assertThat(phase2[2]).isZero();
        run(balancer, targets, latency, 10_000);
        int[] phase4 = run(balancer, targets, latency, 9_000);
        assertThat(phase4[2]).as(java.util.Arrays.toString(phase4)).isBetween(2_000, 4_000);
    }

    private int[] run(LoadBalancer<TestTarget> balancer, List<TestTarget> targets, long[] latency, int requests) {
        int[] counts = new int[targets.size()];
        for (int i = 0; i < requests; i++) {
            context.nowNanos += 1_000_000;
            TestTarget target = balancer.pick(context);
            int index = targets.indexOf(target);
            counts[index]++;
            target.tracker().observe(latency[index], context.nowNanos + latency[index]);
        }
        return counts;
    }

    @Test
    void nullWhenNothingUsable() {
        List<TestTarget> targets = TestTarget.equal(3);
        targets.forEach(t -> t.available(false));
        assertThat(new PeakEwmaBalancer<>(targets).pick(context)).isNull();
        assertThat(new PeakEwmaBalancer<TestTarget>(List.of()).pick(context)).isNull();
    }
}
