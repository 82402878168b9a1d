package io.shoal.autoscaler;

import java.util.ArrayList;
import java.util.List;

/**
 * The autoscaler's decision, as the Kubernetes HPA ({@code autoscaling/v2}) makes it: a recommendation
 * per metric, the largest wins, clamped to [min, max], stabilized over the windows, then limited by the
 * scaling policies. It holds the history the windows and policies need but reads no clock and does no
 * I/O: the live loop and {@code shoal simulate} call this same code with their own time.
 * Not thread-safe: one per autoscaled service, called in time order.
 */
public final class ScalingDecider {
    private final int min;
    private final int max;
    private final List<MetricTarget> targets;
    private final List<StepRule.State> rules = new ArrayList<>();
    private final double tolerance;
    private final Stabilizer stabilizer;
    private final RateLimiter limiter;
    private final long historyMillis;

    public ScalingDecider(int min, int max, List<MetricTarget> targets, List<StepRule> rules, double tolerance,
                          DirectionBehavior up, DirectionBehavior down) {
        this.min = min;
        this.max = max;
        this.targets = List.copyOf(targets);
        rules.forEach(rule -> this.rules.add(new StepRule.State(rule)));
        this.tolerance = tolerance;
        this.stabilizer = new Stabilizer(up.stabilizationWindow().toMillis(), down.stabilizationWindow().toMillis());
        this.limiter = new RateLimiter(up, down);
        long longestPeriod = 0;
        for (ScalingPolicy policy : up.policies()) {
            longestPeriod = Math.max(longestPeriod, policy.period().toMillis());
        }
        for (ScalingPolicy policy : down.policies()) {
            longestPeriod = Math.max(longestPeriod, policy.period().toMillis());
        }
        this.historyMillis = longestPeriod;
    }

    /** @param floor a higher minimum for now (a schedule's or the forecast's), or 0 */
    public Decision decide(ScalingInput input, int floor) {
        long now = input.nowMillis();
        int current = input.currentReplicas();
        List<MetricRecommendation> metrics = new ArrayList<>();
        int recommended = -1;
        for (MetricTarget target : targets) {
            MetricRecommendation metric = MetricRecommender.recommend(target, input, tolerance);
            metrics.add(metric);
            recommended = Math.max(recommended, metric.replicas());
        }
        List<String> fired = new ArrayList<>();
        for (StepRule.State rule : rules) {
            int asked = rule.evaluate(now, current, average(input, rule.rule.metric()));
            if (asked >= 0) {
                fired.add(describe(rule.rule));
                recommended = Math.max(recommended, asked);
            }
        }
        int lowest = Math.max(min, floor);
        int raw = recommended;
        boolean noOpinion = recommended < 0;
        if (noOpinion) {
            // No figures, or only rules that did not fire: never scale on ignorance, and do not let
            // "no change" enter the windows, or a rule's -1 could never win against them.
            recommended = current;
        }
        int clamped = Math.min(max, Math.max(lowest, recommended));
        int stabilized = noOpinion ? clamped : stabilizer.stabilize(now, current, clamped);
        int desired = Math.min(max, Math.max(lowest, limiter.limit(now, current, stabilized)));
        limiter.record(now, desired - current, historyMillis);
        return new Decision(now, current, metrics, fired, raw, floor, clamped, stabilized, desired,
                reason(current, clamped, stabilized, desired, floor));
    }

    private static double average(ScalingInput input, Metric metric) {
        if (!metric.perReplica()) {
            Double value = input.service().get(metric);
            return value == null ? Double.NaN : value;
        }
        double sum = 0;
        int count = 0;
        for (ReplicaFigures replica : input.replicas()) {
            if (replica.trusted(metric)) {
                sum += replica.values().get(metric);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static String describe(StepRule rule) {
        return rule.metric().name().toLowerCase() + (rule.above() ? " > " : " < ") + rule.threshold() + " for "
                + rule.holdFor().toSeconds() + "s: " + (rule.change() > 0 ? "+" : "") + rule.change();
    }

    private String reason(int current, int recommended, int stabilized, int desired, int floor) {
        if (desired == current) {
            if (recommended == current) {
                return "at target";
            }
            return stabilized == current ? "held by the stabilization window (recommended " + recommended + ")"
                    : "held by the scaling policies (recommended " + recommended + ")";
        }
        String why = desired > current ? "scale up" : "scale down";
        if (floor > min && desired == floor) {
            return why + " to the floor of " + floor;
        }
        return why + (desired != stabilized ? ", limited by the scaling policies to " + desired : "");
    }
}
