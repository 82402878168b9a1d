package io.shoal.autoscaler;

import io.shoal.config.AutoscaleConfig;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a service's {@code autoscale:} settings into the decision code's terms. */
final class Policies {
    private Policies() {}

    static ScalingDecider decider(AutoscaleConfig config) {
        List<MetricTarget> targets = new ArrayList<>();
        for (AutoscaleConfig.Target target : config.targets()) {
            targets.add(new MetricTarget(metric(target.metric()), target.value()));
        }
        List<StepRule> rules = new ArrayList<>();
        for (AutoscaleConfig.Rule rule : config.rules()) {
            rules.add(new StepRule(metric(rule.metric()), rule.above(), rule.threshold(), rule.holdFor(), rule.change()));
        }
        return new ScalingDecider(config.min(), config.max(), targets, rules, config.tolerance(),
                direction(config.scaleUp()), direction(config.scaleDown()));
    }

    static Metric metric(AutoscaleConfig.Metric metric) {
        return Metric.valueOf(metric.name());
    }

    private static DirectionBehavior direction(AutoscaleConfig.Direction direction) {
        List<ScalingPolicy> policies = new ArrayList<>();
        for (AutoscaleConfig.Policy policy : direction.policies()) {
            policies.add(new ScalingPolicy(policy.percent() ? ScalingPolicy.Type.PERCENT : ScalingPolicy.Type.PODS,
                    policy.value(), policy.period()));
        }
        return new DirectionBehavior(direction.stabilizationWindow(), policies,
                DirectionBehavior.Select.valueOf(direction.select().toUpperCase(Locale.ROOT)));
    }

    /** The highest floor among the schedules active at {@code time} (local), or 0. */
    static int floor(AutoscaleConfig config, LocalDateTime time) {
        int day = time.getDayOfWeek().getValue();
        int minute = time.getHour() * 60 + time.getMinute();
        int floor = 0;
        for (AutoscaleConfig.Schedule schedule : config.schedules()) {
            if (schedule.days().contains(day) && minute >= schedule.fromMinute() && minute < schedule.toMinute()) {
                floor = Math.max(floor, schedule.min());
            }
        }
        return floor;
    }
}
