package io.shoal.config;

import java.time.Duration;
import java.util.List;

/**
 * Autoscaling of a {@code run} service, with the Kubernetes HPA's model ({@code autoscaling/v2}).
 *
 * @param min replicas at least ({@code minReplicas})
 * @param max replicas at most ({@code maxReplicas})
 * @param targets metric targets; the largest recommendation wins
 * @param rules threshold rules as in the seeds' scripts ("cpu > 70 for 5m: +1")
 * @param tolerance changes within this share of the target are ignored (the HPA's 10 %)
 * @param interval time between evaluations
 * @param initializationPeriod a new replica's CPU is ignored this long ({@code cpuInitializationPeriod})
 * @param scaleUp behaviour when scaling up
 * @param scaleDown behaviour when scaling down
 * @param schedules floors by time of day and week
 * @param alertScalingEventsPerHour more changes of the replica count than this within an hour raise an alert
 * @param pricePerReplicaHour what one replica costs per hour, for the cost figure; 0 for none
 * @param predictive scaling ahead of the request rate learnt per hour of the week
 */
public record AutoscaleConfig(int min, int max, List<Target> targets, List<Rule> rules, double tolerance,
                              Duration interval, Duration initializationPeriod, Direction scaleUp, Direction scaleDown,
                              List<Schedule> schedules, int alertScalingEventsPerHour, double pricePerReplicaHour,
                              Predictive predictive) {

    public AutoscaleConfig {
        targets = List.copyOf(targets);
        rules = List.copyOf(rules);
        schedules = List.copyOf(schedules);
    }

    /** {@code min}, {@code max}, targets and rules, with every other setting at its default and no schedules. */
    public static AutoscaleConfig of(int min, int max, List<Target> targets, List<Rule> rules) {
        return new AutoscaleConfig(min, max, targets, rules, Defaults.AUTOSCALE_TOLERANCE, Defaults.AUTOSCALE_INTERVAL,
                Defaults.AUTOSCALE_INITIALIZATION_PERIOD, Direction.scaleUpDefaults(), Direction.scaleDownDefaults(),
                List.of(), Defaults.AUTOSCALE_ALERT_SCALING_EVENTS_PER_HOUR, Defaults.AUTOSCALE_PRICE_PER_REPLICA_HOUR,
                Predictive.off());
    }

    /** The same settings with {@code predictive} replaced. */
    public AutoscaleConfig withPredictive(Predictive predictive) {
        return new AutoscaleConfig(min, max, targets, rules, tolerance, interval, initializationPeriod, scaleUp,
                scaleDown, schedules, alertScalingEventsPerHour, pricePerReplicaHour, predictive);
    }

    /**
     * Predictive scaling, with the modes of AWS predictive scaling: the request rate is learnt per hour
     * of the week from what the service served, and the forecast for {@code now + schedulingBuffer}, divided
     * by the {@code rps} target, is a floor.
     *
     * @param mode {@code off}, {@code forecast_only} (the forecast is shown in each decision, nothing more)
     *     or {@code forecast_and_scale}
     * @param schedulingBuffer how far ahead to look; {@link Duration#ZERO} for the replicas' measured start-up time
     */
    public record Predictive(String mode, Duration schedulingBuffer) {
        public static Predictive off() {
            return new Predictive(Defaults.PREDICTIVE_MODE, Duration.ZERO);
        }

        public boolean enabled() {
            return !mode.equals("off");
        }

        public boolean scales() {
            return mode.equals("forecast_and_scale");
        }
    }

    /** What can be scaled on; names as users write them. */
    public enum Metric {
        CPU, MEMORY, IN_FLIGHT, RPS, P95_LATENCY_MS, QUEUE_LENGTH;

        /** The key under {@code targets} and the first word of a rule; {@code p95_latency} is written as a duration. */
        public String configName() {
            return this == P95_LATENCY_MS ? "p95_latency" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param value per replica for cpu (percent of one core), memory (bytes), in_flight, rps; for the
     *     service for p95_latency_ms and queue_length
     */
    public record Target(Metric metric, double value) {}

    /** "metric above/below threshold for holdFor: change replicas". */
    public record Rule(Metric metric, boolean above, double threshold, Duration holdFor, int change) {}

    /**
     * {@code behavior.scaleUp} / {@code scaleDown}.
     *
     * @param select max, min or disabled
     */
    public record Direction(Duration stabilizationWindow, List<Policy> policies, String select) {
        public Direction {
            policies = List.copyOf(policies);
        }

        /** Kubernetes' default {@code scaleUp}: at once, +100 % or +4 replicas per 15 s, whichever is more. */
        public static Direction scaleUpDefaults() {
            return new Direction(Defaults.SCALE_UP_STABILIZATION,
                    List.of(Policy.percent(Defaults.SCALE_UP_PERCENT, Defaults.SCALE_UP_PERIOD),
                            Policy.pods(Defaults.SCALE_UP_PODS, Defaults.SCALE_UP_PERIOD)),
                    Defaults.SCALE_SELECT);
        }

        /** Kubernetes' default {@code scaleDown}: the highest recommendation of the last 300 s, -100 % per 15 s. */
        public static Direction scaleDownDefaults() {
            return new Direction(Defaults.SCALE_DOWN_STABILIZATION,
                    List.of(Policy.percent(Defaults.SCALE_DOWN_PERCENT, Defaults.SCALE_DOWN_PERIOD)),
                    Defaults.SCALE_SELECT);
        }
    }

    /** At most {@code value} pods ({@code percent == false}) or percent per {@code period}. */
    public record Policy(boolean percent, int value, Duration period) {
        public static Policy pods(int value, Duration period) {
            return new Policy(false, value, period);
        }

        public static Policy percent(int value, Duration period) {
            return new Policy(true, value, period);
        }
    }

    /**
     * A floor for busy hours (seed 000's peaks 06-08, 12-13, 18-20).
     *
     * @param days days of the week it applies to, 1 = Monday .. 7 = Sunday
     * @param fromMinute start, minutes after midnight (local time), inclusive
     * @param toMinute end, minutes after midnight, exclusive
     */
    public record Schedule(List<Integer> days, int fromMinute, int toMinute, int min) {
        /** Monday to Sunday, what {@code days} is when left out. */
        public static final List<Integer> EVERY_DAY = List.of(1, 2, 3, 4, 5, 6, 7);
        /** {@code 24:00}, the end of a day, as an exclusive {@code toMinute}. */
        public static final int END_OF_DAY = 24 * 60;

        public Schedule {
            days = List.copyOf(days);
        }
    }
}
