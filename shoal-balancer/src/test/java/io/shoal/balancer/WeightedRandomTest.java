package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightedRandomTest {

    private final TestContext context = new TestContext();

    @Test
    void drawMapsOntoWeightIntervals() {
        var balancer = new WeightedRandom<>(TestTarget.weighted(3, 2, 1), Picks.script(0, 1, 2, 3, 4, 5));
        assertThat(Picks.sequence(balancer, context, 6)).isEqualTo("a a a b b c");
    }

    @Test
    void unusableDrawIsRedrawnOverUsableTargetsOnly() {
        List<TestTarget> targets = TestTarget.weighted(3, 2, 1);
        targets.get(1).available(false);
        // 3 hits b; the second draw is over a (0..2) and c (3).
        var balancer = new WeightedRandom<>(targets, Picks.script(3, 3, 4, 0, 5));
        assertThat(Picks.sequence(balancer, context, 3)).isEqualTo("c a c");
    }

    @Test
    void excludedIsRedrawnToo() {
        List<TestTarget> targets = TestTarget.weighted(1, 1);
        context.exclude(targets.get(0));
        var balancer = new WeightedRandom<>(targets, Picks.script(0, 0));
        assertThat(balancer.pick(context).name).isEqualTo("b");
    }

    @Test
    void nullWhenNothingUsable() {
        List<TestTarget> targets = TestTarget.weighted(1, 1);
        targets.forEach(t -> t.available(false));
        assertThat(new WeightedRandom<>(targets).pick(context)).isNull();
        assertThat(new WeightedRandom<TestTarget>(List.of()).pick(context)).isNull();
    }

    @Test
    void defaultSourceReachesEveryTarget() {
        assertThat(Picks.counts(new WeightedRandom<>(TestTarget.equal(4)), context, 1000)).containsOnlyKeys("a", "b", "c", "d");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void sharesFollowWeightsOfUsableTargets(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 2 + random.nextInt(6);
        int[] weights = new int[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1 + random.nextInt(10);
        }
        List<TestTarget> targets = TestTarget.weighted(weights);
        int usableWeight = 0;
        for (int i = 0; i < n; i++) {
            boolean up = i == 0 || random.nextInt(4) > 0;
            targets.get(i).available(up);
            usableWeight += up ? weights[i] : 0;
        }
        int picks = 60_000;
        Map<String, Integer> counts = Picks.counts(new WeightedRandom<>(targets, random.split()::nextInt), context, picks);
        for (TestTarget target : targets) {
            double p = target.isAvailable(0) ? (double) target.weight() / usableWeight : 0;
            double sd = Math.sqrt(picks * p * (1 - p));
            assertThat((double) counts.getOrDefault(target.name, 0)).as(target.name)
                    .isBetween(picks * p - 5 * sd, picks * p + 5 * sd);
        }
    }
}
