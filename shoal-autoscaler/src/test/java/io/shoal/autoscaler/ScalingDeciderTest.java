package io.shoal.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the decision to the HPA's documented behaviour (kubernetes.io, "Horizontal Pod Autoscaling"). */
class ScalingDeciderTest {
    private static final DirectionBehavior IMMEDIATE_DOWN =
            new DirectionBehavior(Duration.ZERO, DirectionBehavior.defaultScaleDown().policies(), DirectionBehavior.Select.MAX);

    private static ScalingDecider cpu70(DirectionBehavior up, DirectionBehavior down) {
        return new ScalingDecider(1, 10, List.of(new MetricTarget(Metric.CPU, 70)), List.of(), 0.1, up, down);
    }

    private static ScalingDecider cpu70() {
        return cpu70(DirectionBehavior.defaultScaleUp(), IMMEDIATE_DOWN);
    }

    @Test
    void desiredIsCeilOfReplicasTimesValueOverTarget() {
        // 2 replicas at 140 % of target -> ceil(2 * 140/70) = 4
        assertThat(cpu70().decide(Figures.cpu(140, 140).at(0), 0).desired()).isEqualTo(4);
        // 4 replicas at 35 -> ceil(4 * 0.5) = 2
        assertThat(cpu70().decide(Figures.cpu(35, 35, 35, 35).at(0), 0).desired()).isEqualTo(2);
    }

    @Test
    void withinTheToleranceNothingChanges() {
        assertThat(cpu70().decide(Figures.cpu(76, 76).at(0), 0).desired()).isEqualTo(2); // ratio 1.086
        assertThat(cpu70().decide(Figures.cpu(64, 64).at(0), 0).desired()).isEqualTo(2); // ratio 0.914
        assertThat(cpu70().decide(Figures.cpu(78, 78).at(0), 0).desired()).isEqualTo(3); // ratio 1.114
    }

    @Test
    void theLargestRecommendationOverMetricsWins() {
        ScalingDecider decider = new ScalingDecider(1, 20, List.of(new MetricTarget(Metric.CPU, 50),
                new MetricTarget(Metric.IN_FLIGHT, 10)), List.of(), 0.1, DirectionBehavior.defaultScaleUp(), IMMEDIATE_DOWN);
        ScalingInput input = new ScalingInput(0, 2, List.of(
                new ReplicaFigures("a", true, false, Map.of(Metric.CPU, 50.0, Metric.IN_FLIGHT, 30.0)),
                new ReplicaFigures("b", true, false, Map.of(Metric.CPU, 50.0, Metric.IN_FLIGHT, 30.0))), Map.of());

        Decision decision = decider.decide(input, 0);

        assertThat(decision.metrics()).extracting(MetricRecommendation::replicas).containsExactly(2, 6);
        assertThat(decision.desired()).isEqualTo(6);
    }

    @Test
    void missingFiguresCountAsZeroWhenScalingUpAndAsTargetWhenScalingDown() {
        // Up: 2 at 140, 2 missing -> (280 + 0) / 4 = 70 -> exactly at target: holds at 4.
        assertThat(cpu70().decide(Figures.cpu(140, 140).missing(2).at(0), 0).desired()).isEqualTo(4);
        // Up: 2 at 210, 1 missing -> 420 / 3 = 140 -> ratio 2 -> ceil(2 * 3) = 6.
        assertThat(cpu70().decide(Figures.cpu(210, 210).missing(1).at(0), 0).desired()).isEqualTo(6);
        // Down: 2 at 14, 2 missing (assumed 70) -> 168 / 4 = 42 -> ratio 0.6 -> ceil(0.6 * 4) = 3, not 1.
        assertThat(cpu70().decide(Figures.cpu(14, 14).missing(2).at(0), 0).desired()).isEqualTo(3);
    }

    @Test
    void notReadyReplicasCountAsZeroOnlyWhenScalingUpAndTheirCpuIsIgnoredWhileInitializing() {
        // 2 ready at 140, 2 not ready -> up: (280 + 0 + 0) / 4 = 70 -> holds at 4.
        assertThat(cpu70().decide(Figures.cpu(140, 140).notReady(2).at(0), 0).desired()).isEqualTo(4);
        // A starting JVM burning 400 % does not make the service scale up.
        Decision starting = cpu70().decide(Figures.cpu(70, 70).initializing(400).at(0), 0);
        assertThat(starting.desired()).isEqualTo(3);
        assertThat(starting.metrics().get(0).value()).isEqualTo(70.0);
    }

    @Test
    void noFiguresAtAllNeverMoveTheCount() {
        Decision decision = cpu70().decide(Figures.cpu().notReady(3).at(0), 0);
        assertThat(decision.desired()).isEqualTo(3);
        assertThat(decision.metrics().get(0).replicas()).isEqualTo(-1);
    }

    @Test
    void scaleDownTakesTheHighestRecommendationOfTheStabilizationWindow() {
        DirectionBehavior down = new DirectionBehavior(Duration.ofSeconds(300),
                DirectionBehavior.defaultScaleDown().policies(), DirectionBehavior.Select.MAX);
        ScalingDecider decider = cpu70(DirectionBehavior.defaultScaleUp(), down);

        assertThat(decider.decide(Figures.cpu(70, 70, 70, 70, 70, 70).at(0), 0).desired()).isEqualTo(6);
        assertThat(decider.decide(Figures.cpu(20, 20, 20, 20, 20, 20).at(10), 0).desired()).isEqualTo(6);
        assertThat(decider.decide(Figures.cpu(20, 20, 20, 20, 20, 20).at(299), 0).desired()).isEqualTo(6);
        // The recommendation of 6 made at t=0 has left the 300 s window.
        assertThat(decider.decide(Figures.cpu(20, 20, 20, 20, 20, 20).at(301), 0).desired()).isEqualTo(2);
    }

    @Test
    void scaleUpWithAWindowTakesTheLowestRecentRecommendation() {
        DirectionBehavior up = new DirectionBehavior(Duration.ofSeconds(60), List.of(
                ScalingPolicy.percent(1000, Duration.ofSeconds(15))), DirectionBehavior.Select.MAX);
        ScalingDecider decider = cpu70(up, IMMEDIATE_DOWN);

        assertThat(decider.decide(Figures.cpu(70, 70).at(0), 0).desired()).isEqualTo(2);
        assertThat(decider.decide(Figures.cpu(280, 280).at(30), 0).desired()).isEqualTo(2); // min(2, 8)
        assertThat(decider.decide(Figures.cpu(280, 280).at(61), 0).desired()).isEqualTo(8);
    }

    @Test
    void podsAndPercentPoliciesWithSelectMaxMinAndDisabled() {
        List<ScalingPolicy> policies = List.of(ScalingPolicy.pods(1, Duration.ofSeconds(60)),
                ScalingPolicy.percent(50, Duration.ofSeconds(60)));
        Figures tenfold = Figures.cpu(700, 700, 700, 700);

        ScalingDecider max = cpu70(new DirectionBehavior(Duration.ZERO, policies, DirectionBehavior.Select.MAX), IMMEDIATE_DOWN);
        assertThat(max.decide(tenfold.at(0), 0).desired()).isEqualTo(6); // max(4+1, ceil(4*1.5)=6)

        ScalingDecider min = cpu70(new DirectionBehavior(Duration.ZERO, policies, DirectionBehavior.Select.MIN), IMMEDIATE_DOWN);
        assertThat(min.decide(tenfold.at(0), 0).desired()).isEqualTo(5); // min(5, 6)

        ScalingDecider disabled = cpu70(new DirectionBehavior(Duration.ZERO, policies,
                DirectionBehavior.Select.DISABLED), IMMEDIATE_DOWN);
        Decision held = disabled.decide(tenfold.at(0), 0);
        assertThat(held.desired()).isEqualTo(4);
        assertThat(held.reason()).contains("held by the scaling policies");
    }

    @Test
    void policiesCountWhatAlreadyChangedWithinTheirPeriod() {
        ScalingDecider decider = cpu70(new DirectionBehavior(Duration.ZERO,
                List.of(ScalingPolicy.pods(2, Duration.ofSeconds(60))), DirectionBehavior.Select.MAX), IMMEDIATE_DOWN);

        assertThat(decider.decide(Figures.cpu(700, 700).at(0), 0).desired()).isEqualTo(4);
        // 2 were added 30 s ago: the period's budget is spent.
        assertThat(decider.decide(Figures.cpu(700, 700, 700, 700).at(30), 0).desired()).isEqualTo(4);
        assertThat(decider.decide(Figures.cpu(700, 700, 700, 700).at(61), 0).desired()).isEqualTo(6);
    }

    @Test
    void scaleDownPoliciesLimitTheDrop() {
        DirectionBehavior down = new DirectionBehavior(Duration.ZERO,
                List.of(ScalingPolicy.percent(50, Duration.ofSeconds(60))), DirectionBehavior.Select.MAX);
        ScalingDecider decider = cpu70(DirectionBehavior.defaultScaleUp(), down);

        assertThat(decider.decide(Figures.cpu(7, 7, 7, 7, 7, 7, 7, 7).at(0), 0).desired()).isEqualTo(4);
    }

    @Test
    void minMaxAndAScheduleFloorBoundTheResult() {
        ScalingDecider decider = new ScalingDecider(2, 5, List.of(new MetricTarget(Metric.CPU, 70)), List.of(), 0.1,
                DirectionBehavior.defaultScaleUp(), IMMEDIATE_DOWN);

        assertThat(decider.decide(Figures.cpu(700, 700).at(0), 0).desired()).isEqualTo(5);
        assertThat(decider.decide(Figures.cpu(7, 7, 7, 7, 7).at(100), 0).desired()).isEqualTo(2);
        Decision floored = decider.decide(Figures.cpu(7, 7).at(200), 4);
        assertThat(floored.desired()).isEqualTo(4);
        assertThat(floored.reason()).isEqualTo("scale up to the floor of 4");
    }

    @Test
    void aThresholdRuleFiresAfterItsConditionHeldAndThenWaitsAgain() {
        StepRule upOne = new StepRule(Metric.CPU, true, 70, Duration.ofMinutes(5), 1);
        StepRule downOne = new StepRule(Metric.CPU, false, 30, Duration.ofMinutes(5), -1);
        ScalingDecider decider = new ScalingDecider(2, 10, List.of(), List.of(upOne, downOne), 0.1,
                DirectionBehavior.defaultScaleUp(), IMMEDIATE_DOWN);

        assertThat(decider.decide(Figures.cpu(90, 90).at(0), 0).desired()).isEqualTo(2);
        assertThat(decider.decide(Figures.cpu(90, 90).at(299), 0).desired()).isEqualTo(2);
        Decision fired = decider.decide(Figures.cpu(90, 90).at(300), 0);
        assertThat(fired.desired()).isEqualTo(3);
        assertThat(fired.rules()).containsExactly("cpu > 70.0 for 300s: +1");
        assertThat(decider.decide(Figures.cpu(90, 90, 90).at(310), 0).desired()).isEqualTo(3);
        assertThat(decider.decide(Figures.cpu(10, 10, 10).at(400), 0).desired()).isEqualTo(3);
        assertThat(decider.decide(Figures.cpu(10, 10, 10).at(700), 0).desired()).isEqualTo(2);
    }

    @Test
    void aScaleDownRuleWorksUnderKubernetesDefaultScaleDownWindow() {
        StepRule downOne = new StepRule(Metric.CPU, false, 30, Duration.ofMinutes(5), -1);
        ScalingDecider decider = new ScalingDecider(2, 10, List.of(), List.of(downOne), 0.1,
                DirectionBehavior.defaultScaleUp(), DirectionBehavior.defaultScaleDown());
        Figures quiet = Figures.cpu(10, 10, 10, 10, 10);
        for (int second = 0; second < 300; second += 10) {
            assertThat(decider.decide(quiet.at(second), 0).desired()).isEqualTo(5);
        }
        assertThat(decider.decide(quiet.at(300), 0).desired()).isEqualTo(4);
    }

    @Test
    void scaleDownSelectMinTakesThePolicyThatRemovesTheFewest() {
        // Seed 002's scaleDown: -50 % or -2 pods per 60 s, selectPolicy Min.
        List<ScalingPolicy> policies = List.of(ScalingPolicy.percent(50, Duration.ofSeconds(60)),
                ScalingPolicy.pods(2, Duration.ofSeconds(60)));
        Figures idle = Figures.cpu(7, 7, 7, 7, 7, 7, 7, 7, 7, 7);

        ScalingDecider min = cpu70(DirectionBehavior.defaultScaleUp(),
                new DirectionBehavior(Duration.ZERO, policies, DirectionBehavior.Select.MIN));
        assertThat(min.decide(idle.at(0), 0).desired()).isEqualTo(8); // max(10 - 5, 10 - 2)

        ScalingDecider max = cpu70(DirectionBehavior.defaultScaleUp(),
                new DirectionBehavior(Duration.ZERO, policies, DirectionBehavior.Select.MAX));
        assertThat(max.decide(idle.at(0), 0).desired()).isEqualTo(5); // min(10 - 5, 10 - 2)

        ScalingDecider disabled = cpu70(DirectionBehavior.defaultScaleUp(),
                new DirectionBehavior(Duration.ZERO, policies, DirectionBehavior.Select.DISABLED));
        assertThat(disabled.decide(idle.at(0), 0).desired()).isEqualTo(10);
        assertThat(disabled.decide(Figures.cpu(140, 140).at(10), 0).desired())
                .as("scaling up still works").isEqualTo(4);
    }

    @Test
    void aServiceMetricScalesTheReadyReplicasByItsRatioAndAbstainsWithoutAFigure() {
        ScalingDecider decider = new ScalingDecider(1, 20, List.of(new MetricTarget(Metric.P95_LATENCY_MS, 250)),
                List.of(), 0.1, DirectionBehavior.defaultScaleUp(), IMMEDIATE_DOWN);
        List<ReplicaFigures> two = List.of(new ReplicaFigures("a", true, false, Map.of()),
                new ReplicaFigures("b", true, false, Map.of()));

        Decision slow = decider.decide(new ScalingInput(0, 2, two, Map.of(Metric.P95_LATENCY_MS, 500.0)), 0);
        assertThat(slow.metrics().get(0).replicas()).isEqualTo(4); // ceil(2 x 500 / 250)
        Decision near = decider.decide(new ScalingInput(1000, 2, two, Map.of(Metric.P95_LATENCY_MS, 270.0)), 0);
        assertThat(near.desired()).as("within the tolerance").isEqualTo(2);
        Decision none = decider.decide(new ScalingInput(2000, 2, two, Map.of()), 0);
        assertThat(none.metrics().get(0).replicas()).isEqualTo(-1);
        assertThat(none.raw()).isEqualTo(-1);
        assertThat(none.desired()).isEqualTo(2);
    }
}
