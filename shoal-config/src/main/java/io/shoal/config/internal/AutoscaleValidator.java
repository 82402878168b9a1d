package io.shoal.config.internal;

import io.shoal.config.AutoscaleConfig;
import io.shoal.config.AutoscaleConfig.Direction;
import io.shoal.config.AutoscaleConfig.Metric;
import io.shoal.config.AutoscaleConfig.Policy;
import io.shoal.config.AutoscaleConfig.Rule;
import io.shoal.config.AutoscaleConfig.Schedule;
import io.shoal.config.AutoscaleConfig.Target;
import io.shoal.config.Defaults;
import io.shoal.config.RunConfig;
import io.shoal.config.Values;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Checks one service's {@code autoscale} block. Where Kubernetes bounds a {@code behavior} field
 * ({@code stabilizationWindowSeconds} at most 3600, {@code periodSeconds} 1 to 1800, at least one policy), the
 * same bound applies, so that an HPA's behaviour can be copied over and nothing else can. A {@code run.replicas}
 * written beside {@code autoscale} is the count started with and must lie within {@code min..max}.
 */
final class AutoscaleValidator {
    private static final Duration MAX_STABILIZATION = Duration.ofHours(1);
    private static final Duration MAX_PERIOD = Duration.ofMinutes(30);
    private static final Set<String> SELECTS = Set.of("max", "min", "disabled");

    private AutoscaleValidator() {}

    /** @param service the service's path, e.g. {@code services.web} */
    static void validate(AutoscaleConfig a, RunConfig run, String service, ProblemSink sink) {
        String path = service + ".autoscale";
        if (run == null) {
            sink.add(path, "only applies to a service with run: Shoal scales the replicas it starts itself");
            return;
        }
        Rules.atLeast(sink, path + ".min", a.min(), 0);
        if (a.max() > Defaults.MAX_REPLICAS) {
            sink.add(path + ".max", "must be at most " + Defaults.MAX_REPLICAS + ", got " + a.max());
        } else if (a.max() < 1) {
            sink.add(path + ".max", "must be at least 1, got " + a.max());
        } else if (a.max() < a.min()) {
            sink.add(path + ".max", "must be at least min (" + a.min() + "), got " + a.max());
        }
        if (a.targets().isEmpty() && a.rules().isEmpty()) {
            sink.add(path, "needs at least one target to scale on (e.g. targets: {cpu: 70}) or rule"
                    + " (e.g. rules: [\"cpu > 70 for 5m: +1\"])");
        }
        for (Target t : a.targets()) {
            target(t, path + ".targets." + t.metric().configName(), sink);
        }
        for (int i = 0; i < a.rules().size(); i++) {
            rule(a.rules().get(i), KeyPaths.item(path + ".rules", i), sink);
        }
        if (!(a.tolerance() >= 0 && a.tolerance() < 1)) {
            sink.add(path + ".tolerance", "must be at least 0% and below 100%, got " + Values.formatPercent(a.tolerance()));
        }
        Rules.positive(sink, path + ".interval", a.interval());
        Rules.atLeast(sink, path + ".alert_scaling_events_per_hour", a.alertScalingEventsPerHour(), 1);
        if (a.predictive().enabled() && a.targets().stream().noneMatch(t -> t.metric() == Metric.RPS)) {
            sink.add(path + ".predictive", "needs an rps target: the forecast is in requests per second, and"
                    + " targets.rps says how many one replica serves");
        }
        if (a.predictive().schedulingBuffer().isNegative() || a.predictive().schedulingBuffer().compareTo(Duration.ofHours(1)) > 0) {
            sink.add(path + ".predictive.scheduling_buffer", "must be auto or 0s to 1h, got "
                    + Values.formatDuration(a.predictive().schedulingBuffer()));
        }
        if (a.initializationPeriod().isNegative()) {
            sink.add(path + ".initialization_period", "must not be negative (0s trusts a new replica's CPU at once)");
        }
        direction(a.scaleUp(), path + ".behavior.scale_up", sink);
        direction(a.scaleDown(), path + ".behavior.scale_down", sink);
        for (int i = 0; i < a.schedules().size(); i++) {
            schedule(a.schedules().get(i), a, KeyPaths.item(path + ".schedules", i), sink);
        }
        int replicas = run.replicas();
        boolean countable = replicas >= 0 && replicas <= Defaults.MAX_REPLICAS;
        if (countable && a.min() <= a.max() && (replicas < a.min() || replicas > a.max())) {
            sink.add(service + ".run.replicas", "with autoscale, the count started with; must be between min and max ("
                    + a.min() + " to " + a.max() + "), got " + replicas + "; leave it out to start at min");
        }
    }

    private static void target(Target t, String path, ProblemSink sink) {
        if (!(t.value() > 0) || Double.isInfinite(t.value())) {
            sink.add(path, "must be positive, got " + AutoscaleSyntax.format(t.metric(), t.value()));
        } else if (t.metric() == Metric.CPU && t.value() < 1) {
            sink.add(path, "is in percent of one core (70 means 70 %), got " + AutoscaleSyntax.format(t.metric(), t.value())
                    + "; did you mean " + AutoscaleSyntax.format(t.metric(), t.value() * 100) + "?");
        }
    }

    private static void rule(Rule r, String path, ProblemSink sink) {
        if (r.change() == 0) {
            sink.add(path, "a change of 0 does nothing; write +1 (or more) to add replicas, -1 (or less) to remove them");
        } else if (Math.abs(r.change()) > Defaults.MAX_REPLICAS) {
            sink.add(path, "a change of " + r.change() + " replicas is more than the " + Defaults.MAX_REPLICAS + " a service may have");
        }
        if (!(r.threshold() >= 0) || Double.isInfinite(r.threshold())) {
            sink.add(path, "threshold must be a figure of 0 or more, got " + r.threshold());
        }
        if (r.holdFor().isNegative()) {
            sink.add(path, "'for' must not be negative");
        }
    }

    private static void direction(Direction d, String path, ProblemSink sink) {
        if (d.stabilizationWindow().isNegative() || d.stabilizationWindow().compareTo(MAX_STABILIZATION) > 0) {
            sink.add(path + ".stabilization_window", "must be between 0s and " + Values.formatDuration(MAX_STABILIZATION)
                    + " (Kubernetes' stabilizationWindowSeconds, 0 to 3600), got " + Values.formatDuration(d.stabilizationWindow()));
        }
        if (!SELECTS.contains(d.select())) {
            sink.add(path + ".select_policy", "expected max, min or disabled, got '" + d.select() + "'");
        }
        List<Policy> policies = d.policies();
        if (policies.isEmpty() && !"disabled".equals(d.select())) {
            sink.add(path + ".policies", "at least one policy is required (leave policies out for the defaults,"
                    + " or write select_policy: disabled not to scale in this direction)");
        }
        for (int i = 0; i < policies.size(); i++) {
            String at = KeyPaths.item(path + ".policies", i);
            Policy p = policies.get(i);
            Rules.atLeast(sink, at + ".value", p.value(), 1);
            if (p.period().isZero() || p.period().isNegative() || p.period().compareTo(MAX_PERIOD) > 0) {
                sink.add(at + ".period", "must be positive and at most " + Values.formatDuration(MAX_PERIOD)
                        + " (Kubernetes' periodSeconds, 1 to 1800), got " + Values.formatDuration(p.period()));
            }
        }
    }

    private static void schedule(Schedule s, AutoscaleConfig a, String path, ProblemSink sink) {
        if (s.days().isEmpty() || s.days().stream().anyMatch(d -> d < 1 || d > 7)) {
            sink.add(path + ".days", "days of the week are 1 (Monday) to 7 (Sunday), at least one, got " + s.days());
        }
        boolean inDay = s.fromMinute() >= 0 && s.toMinute() <= Schedule.END_OF_DAY;
        if (!inDay) {
            sink.add(path + ".hours", "must lie within 00:00-24:00, got " + AutoscaleSyntax.formatHours(s));
        } else if (s.toMinute() <= s.fromMinute()) {
            String hours = AutoscaleSyntax.formatHours(s);
            sink.add(path + ".hours", "must end after it starts, got " + hours + (s.toMinute() < s.fromMinute()
                    ? "; for a range past midnight write two schedules, " + AutoscaleSyntax.formatMinute(s.fromMinute())
                    + "-24:00 and 00:00-" + AutoscaleSyntax.formatMinute(s.toMinute()) : ""));
        }
        if (a.min() <= a.max() && (s.min() < a.min() || s.min() > a.max())) {
            sink.add(path + ".min", "must be between autoscale's min and max (" + a.min() + " to " + a.max() + "), got "
                    + s.min());
        }
    }
}
