package io.shoal.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator drives the real decision code: a step of load scales out, then back in after the window. */
class SimulatorTest {
    private static final ReplicaModel MODEL = new ReplicaModel(100, 20, 5);

    private static ScalingDecider cpu70(int min, int max, Duration downWindow) {
        return decider(new MetricTarget(Metric.CPU, 70), min, max, downWindow);
    }

    private static ScalingDecider decider(MetricTarget target, int min, int max, Duration downWindow) {
        return new ScalingDecider(min, max, List.of(target), List.of(), 0.1,
                DirectionBehavior.defaultScaleUp(), new DirectionBehavior(downWindow,
                DirectionBehavior.defaultScaleDown().policies(), DirectionBehavior.Select.MAX));
    }

    @Test
    void aStepFromOneToFourReplicasWorthScalesOutThenBackAfterTheWindow() {
        LoadProfile step = LoadProfile.step(30, 350, 300); // 0.3 replicas' worth, then 3.5, then 0.3

        // Requests per replica, unlike CPU, does not saturate at 100 %: one decision sees the whole step.
        ScalingDecider rps70 = decider(new MetricTarget(Metric.RPS, 70), 1, 10, Duration.ofSeconds(30));
        List<Simulator.Second> timeline = Simulator.run(step, MODEL, rps70, 1, 1, 0);

        int peak = timeline.stream().mapToInt(Simulator.Second::replicas).max().orElseThrow();
        Simulator.Second beforeStep = timeline.get(99);
        Simulator.Second lateInStep = timeline.get(190);
        Simulator.Second end = timeline.get(299);
        assertThat(beforeStep.replicas()).isEqualTo(1);
        assertThat(peak).isBetween(5, 6); // 350 rps at 70 rps per replica = 5 replicas
        assertThat(lateInStep.ready()).isGreaterThanOrEqualTo(5);
        assertThat(lateInStep.p95Millis()).isLessThan(250);
        assertThat(end.replicas()).isEqualTo(1);
        int firstFive = timeline.stream().filter(s -> s.ready() >= 5).findFirst().orElseThrow().second();
        System.out.printf("step at 100 s: 5 ready replicas at %d s (start-up %d s), peak %d%n",
                firstFive, MODEL.startupSeconds(), peak);
        assertThat(firstFive - 100).isLessThanOrEqualTo(MODEL.startupSeconds() + 3);
    }

    @Test
    void theSameDecisionCodeGivesTheSameTimelineEveryTime() {
        LoadProfile daily = LoadProfile.daily(50, 600, 600);
        List<Simulator.Second> first = Simulator.run(daily, MODEL, cpu70(2, 10, Duration.ofSeconds(60)), 2, 1, 5);
        List<Simulator.Second> second = Simulator.run(daily, MODEL, cpu70(2, 10, Duration.ofSeconds(60)), 2, 1, 5);
        assertThat(first).isEqualTo(second);
        assertThat(first.stream().mapToInt(Simulator.Second::replicas).min().orElseThrow()).isEqualTo(2);
    }

    @Test
    void aCsvProfileIsInterpolatedPerSecond(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("load.csv"), "seconds,rate\n0,10\n10,110\n20,110\n");
        LoadProfile profile = LoadProfile.csv(csv);
        assertThat(profile.seconds()).isEqualTo(21);
        assertThat(profile.rateAt(5)).isEqualTo(60.0);
        assertThat(profile.rateAt(15)).isEqualTo(110.0);
    }
}
