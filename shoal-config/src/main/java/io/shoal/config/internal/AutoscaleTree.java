package io.shoal.config.internal;

import io.shoal.config.AutoscaleConfig;
import io.shoal.config.AutoscaleConfig.Direction;
import io.shoal.config.AutoscaleConfig.Policy;
import io.shoal.config.AutoscaleConfig.Schedule;
import io.shoal.config.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code autoscale} block of {@link ServiceTree}, rules and thresholds in {@link AutoscaleSyntax}'s forms. */
final class AutoscaleTree {
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private AutoscaleTree() {}

    static Map<String, Object> of(AutoscaleConfig a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", a.min());
        m.put("max", a.max());
        Map<String, Object> targets = new LinkedHashMap<>();
        a.targets().forEach(t -> targets.put(t.metric().configName(), AutoscaleSyntax.format(t.metric(), t.value())));
        m.put("targets", targets);
        m.put("rules", a.rules().stream().map(AutoscaleSyntax::format).toList());
        m.put("tolerance", Values.formatPercent(a.tolerance()));
        m.put("interval", Values.formatDuration(a.interval()));
        m.put("initialization_period", Values.formatDuration(a.initializationPeriod()));
        m.put("behavior", ConfigTree.pairs("scale_up", direction(a.scaleUp()), "scale_down", direction(a.scaleDown())));
        m.put("schedules", a.schedules().stream().map(AutoscaleTree::schedule).toList());
        m.put("alert_scaling_events_per_hour", a.alertScalingEventsPerHour());
        m.put("price_per_replica_hour", a.pricePerReplicaHour());
        m.put("predictive", ConfigTree.pairs("mode", a.predictive().mode(),
                "scheduling_buffer", Values.formatDuration(a.predictive().schedulingBuffer())));
        return m;
    }

    private static Map<String, Object> direction(Direction d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stabilization_window", Values.formatDuration(d.stabilizationWindow()));
        m.put("select_policy", d.select());
        m.put("policies", d.policies().stream().map(AutoscaleTree::policy).toList());
        return m;
    }

    private static Map<String, Object> policy(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.percent() ? "percent" : "pods");
        m.put("value", p.value());
        m.put("period", Values.formatDuration(p.period()));
        return m;
    }

    private static Map<String, Object> schedule(Schedule s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("days", s.days().stream().map(day -> DAYS.get(day - 1)).toList());
        m.put("hours", AutoscaleSyntax.formatHours(s));
        m.put("min", s.min());
        return m;
    }
}
