package io.shoal.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.AutoscaleConfig;
import io.shoal.config.AutoscaleConfig.Target;
import io.shoal.replicas.ReplicaView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decisions kept with their inputs, alerts as seed 002 asks for them, replica-hours and their cost. */
class EventLogTest {
    private static final AutoscaleConfig CONFIG = new AutoscaleConfig(1, 10, List.of(new Target(AutoscaleConfig.Metric.CPU, 70)),
            List.of(), 0.1, Duration.ofSeconds(1), Duration.ZERO, AutoscaleConfig.Direction.scaleUpDefaults(),
            AutoscaleConfig.Direction.scaleDownDefaults(), List.of(), 3, 0.05, AutoscaleConfig.Predictive.off());

    private static final DirectionBehavior IMMEDIATE_DOWN =
            new DirectionBehavior(Duration.ZERO, DirectionBehavior.defaultScaleDown().policies(), DirectionBehavior.Select.MAX);

    private static ScalingDecider decider() {
        return new ScalingDecider(1, 10, List.of(new MetricTarget(io.shoal.autoscaler.Metric.CPU, 70)), List.of(), 0.1,
                DirectionBehavior.defaultScaleUp(), IMMEDIATE_DOWN);
    }

    @Test
    void everyDecisionIsKeptWithItsInputsAndTheNotableOnesAreShownByDefault() {
        EventLog log = new EventLog();
        ScalingDecider decider = decider();
        log.record(new ScalingEvent("web", 1_000, 0, null, decider.decide(Figures.cpu(70, 70).at(1), 0)));
        log.record(new ScalingEvent("web", 2_000, 0, null, decider.decide(Figures.cpu(140, 140).at(2), 0)));
        log.record(new ScalingEvent("api", 3_000, 0, null, decider.decide(Figures.cpu(70).at(3), 0)));

        List<ScalingEvent> notable = log.events(null, 0, false);
        assertThat(notable).hasSize(1);
        Decision up = notable.get(0).decision();
        assertThat(up.current()).isEqualTo(2);
        assertThat(up.metrics().get(0).value()).isEqualTo(140.0);
        assertThat(up.metrics().get(0).replicas()).isEqualTo(4);
        assertThat(up.raw()).isEqualTo(4);
        assertThat(up.desired()).isEqualTo(4);
        assertThat(log.events(null, 0, true)).extracting(ScalingEvent::atMillis).containsExactly(1_000L, 2_000L, 3_000L);
        assertThat(log.events("api", 0, true)).hasSize(1);
        assertThat(log.events(null, 1_000, true)).extracting(ScalingEvent::atMillis).containsExactly(2_000L, 3_000L);
    }

    @Test
    void changesAreCountedOverTheLastHour() {
        EventLog log = new EventLog();
        ScalingDecider decider = decider();
        assertThat(log.record(event(decider, 0, 140, 140))).isEqualTo(1);     // 2 -> 4
        assertThat(log.record(event(decider, 60, 7, 7, 7, 7))).isEqualTo(2);  // 4 -> 1
        assertThat(log.record(event(decider, 3_601, 140))).isEqualTo(2);     // the first left the hour
    }

    private static ScalingEvent event(ScalingDecider decider, long second, double... cpu) {
        return new ScalingEvent("web", second * 1000, 0, null, decider.decide(Figures.cpu(cpu).at(second), 0));
    }

    @Test
    void alertsNearMaxFrequentScalingAndReplicasFailingToStart() {
        ScalingDecider decider = decider();
        Decision nine = decider.decide(Figures.cpu(140, 140, 140, 140, 140).at(0), 0); // 5 -> 10, raw 10
        Decision calm = decider.decide(Figures.cpu(70, 70).at(100), 0);
        ReplicaView failed = new ReplicaView("web-3", "web", "BACKOFF", 0, -1, 0, 4, -1, -1, 0, "exited with status 1");
        ReplicaView ready = new ReplicaView("web-1", "web", "READY", 1, 1, 0, 0, -1, -1, 0, "");

        assertThat(Alerts.of("web", CONFIG, nine, 0, List.of(ready))).extracting(Alert::kind).containsExactly("near_max");
        assertThat(Alerts.of("web", CONFIG, nine, 0, List.of()).get(0).message())
                .isEqualTo("web runs 10 of at most 10 replicas (100 %): raise max, or make each replica do more");
        assertThat(Alerts.of("web", CONFIG, calm, 3, List.of(ready))).as("3 changes: not more than 3").isEmpty();
        assertThat(Alerts.of("web", CONFIG, calm, 4, List.of(failed, ready))).extracting(Alert::kind)
                .containsExactly("frequent_scaling", "failing_to_start");
        assertThat(Alerts.of("web", CONFIG, calm, 0, List.of(failed)).get(0).message()).isEqualTo(
                "replicas of web failing to start: web-3 BACKOFF (exited with status 1); 'shoal logs' shows their output");
    }

    @Test
    void anAlertIsAnnouncedOnceWhileItStands() {
        EventLog log = new EventLog();
        Alert nearMax = new Alert("web", "near_max", "web runs 9 of at most 10 replicas (90 %)");

        assertThat(log.standing("web", List.of(nearMax))).containsExactly(nearMax);
        assertThat(log.standing("web", List.of(nearMax))).isEmpty();
        assertThat(log.alerts()).containsExactly(nearMax);
        assertThat(log.standing("web", List.of())).isEmpty();
        assertThat(log.alerts()).isEmpty();
        assertThat(log.standing("web", List.of(nearMax))).containsExactly(nearMax);
    }

    @Test
    void replicaHoursAndTheirCost() {
        EventLog log = new EventLog();
        log.countReplicas("web", 4, 1_800_000, 0.05);
        log.countReplicas("web", 2, 3_600_000, 0.05);

        EventLog.Usage usage = log.usage().get("web");
        assertThat(usage.replicaHours()).isEqualTo(4.0);
        assertThat(usage.cost()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    }
}
