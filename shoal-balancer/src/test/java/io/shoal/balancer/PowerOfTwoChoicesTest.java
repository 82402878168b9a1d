package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PowerOfTwoChoicesTest {

    private final TestContext context = new TestContext();

    @Test
    void lessLoadedOfTheTwoDrawsWins() {
        List<TestTarget> targets = TestTarget.equal(3);
        targets.get(0).inFlight(2);
        targets.get(2).inFlight(1);
        // Pairs: (a, b), (c, a), (a, c). The second draw skips over the first one's interval.
        var balancer = new PowerOfTwoChoices<>(targets, Picks.script(0, 0, 2, 0, 0, 1));
        assertThat(Picks.sequence(balancer, context, 3)).isEqualTo("b c c");
    }

    @Test
    void tieGoesToTheFirstDraw() {
        var balancer = new PowerOfTwoChoices<>(TestTarget.equal(3), Picks.script(1, 0, 2, 1, 0, 1));
        assertThat(Picks.sequence(balancer, context, 3)).isEqualTo("b c a");
    }

    @Test
    void loadIsPerUnitOfWeight() {
        List<TestTarget> targets = TestTarget.weighted(3, 1);
        targets.get(0).inFlight(2);
        targets.get(1).inFlight(1);
        var balancer = new PowerOfTwoChoices<>(targets, Picks.script(3, 0));
        assertThat(balancer.pick(context).name).isEqualTo("a"); // 2/3 < 1/1
        targets.get(0).inFlight(4);
        assertThat(balancer.pick(context).name).isEqualTo("b"); // 4/3 > 1/1
    }

    @Test
    void theUsableOneOfAPairWins() {
        List<TestTarget> targets = TestTarget.equal(3);
        targets.get(0).inFlight(7);
        targets.get(1).available(false);
        var balancer = new PowerOfTwoChoices<>(targets, Picks.script(0, 0));
        assertThat(balancer.pick(context).name).isEqualTo("a");
        context.exclude(targets.get(0));
        targets.get(1).available(true);
        assertThat(balancer.pick(context).name).isEqualTo("b");
    }

    @Test
    void afterUnusablePairsTheCheapestUsableIsTaken() {
        List<TestTarget> targets = TestTarget.equal(5);
        targets.get(0).available(false);
        targets.get(1).available(false);
        targets.get(2).inFlight(3);
        targets.get(3).inFlight(1);
        targets.get(4).inFlight(2);
        var balancer = new PowerOfTwoChoices<>(targets, Picks.script(0, 0)); // always the pair (a, b)
        assertThat(balancer.pick(context).name).isEqualTo("d");
        targets.forEach(t -> t.available(false));
        assertThat(balancer.pick(context)).isNull();
    }

    @Test
    void singleAndEmpty() {
        List<TestTarget> one = TestTarget.equal(1);
        var balancer = new PowerOfTwoChoices<>(one);
        assertThat(balancer.pick(context).name).isEqualTo("a");
        one.get(0).available(false);
        assertThat(balancer.pick(context)).isNull();
        assertThat(new PowerOfTwoChoices<TestTarget>(List.of()).pick(context)).isNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void idleSharesFollowWeights(long seed) {
        var balancer = new PowerOfTwoChoices<>(TestTarget.weighted(3, 1), new SplittableRandom(seed)::nextInt);
        Map<String, Integer> counts = Picks.counts(balancer, context, 40_000);
        assertThat(counts.get("a")).isBetween(29_000, 31_000);
    }

    /** Balls into bins without departures: the gap above the mean stays tiny, unlike one random choice. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void maxLoadStaysNearTheMean(long seed) {
        int bins = 100;
        int balls = 10_000;
        int p2cGap = gap(new PowerOfTwoChoices<>(TestTarget.equal(bins), new SplittableRandom(seed)::nextInt), balls);
        int randomGap = gap(new WeightedRandom<>(TestTarget.equal(bins), new SplittableRandom(seed)::nextInt), balls);
        assertThat(p2cGap).isLessThanOrEqualTo(4);
        assertThat(randomGap).isGreaterThan(3 * p2cGap);
    }

    @Test
    void weightedBinsFillInProportion() {
        List<TestTarget> targets = TestTarget.weighted(3, 1);
        var balancer = new PowerOfTwoChoices<>(targets, new SplittableRandom(7)::nextInt);
        for (int i = 0; i < 4000; i++) {
            balancer.pick(context).start();
        }
        assertThat(targets.get(0).inFlight()).isBetween(2999, 3001);
    }

    private int gap(LoadBalancer<TestTarget> balancer, int balls) {
        for (int i = 0; i < balls; i++) {
            balancer.pick(context).start();
        }
        int max = balancer.targets().stream().mapToInt(TestTarget::inFlight).max().orElseThrow();
        return max - balls / balancer.targets().size();
    }
}
