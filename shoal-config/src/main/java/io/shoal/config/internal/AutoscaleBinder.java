package io.shoal.config.internal;

import io.shoal.config.AutoscaleConfig;
import io.shoal.config.AutoscaleConfig.Direction;
import io.shoal.config.AutoscaleConfig.Metric;
import io.shoal.config.AutoscaleConfig.Policy;
import io.shoal.config.AutoscaleConfig.Predictive;
import io.shoal.config.AutoscaleConfig.Rule;
import io.shoal.config.AutoscaleConfig.Schedule;
import io.shoal.config.AutoscaleConfig.Target;
import io.shoal.config.Defaults;
import io.shoal.config.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Binds a {@code run} service's {@code autoscale} block. Absent keys take {@link Defaults}; in {@code behavior},
 * each key left out of {@code scale_up} or {@code scale_down} keeps Kubernetes' default, as the API server
 * fills in a partly written {@code behavior}. {@code targets} is a mapping of metric to value, each in the
 * metric's own unit ({@link AutoscaleSyntax#value}); {@code rules} is a list of rule strings, which YAML reads
 * as one-entry mappings when they are not quoted (the {@code ": +1"}), so both are accepted. Ranges are
 * checked later, on the record, by {@link AutoscaleValidator}.
 */
final class AutoscaleBinder {
    private AutoscaleBinder() {}

    /** Without {@code max} (reported), the highest count allowed, so that nothing else is refused because of it. */
    static AutoscaleConfig autoscale(Section s) {
        int min = s.integer("min", Defaults.AUTOSCALE_MIN);
        int max = s.required("max", Values::integer).orElse(Defaults.MAX_REPLICAS);
        List<Target> targets = s.section("targets").map(AutoscaleBinder::targets).orElse(List.of());
        List<Rule> rules = s.binding().items(s.child("rules"), s.list("rules"), (path, node) -> rule(s.binding(), path, node));
        double tolerance = s.value("tolerance", Defaults.AUTOSCALE_TOLERANCE, Values::fraction);
        Duration interval = s.duration("interval", Defaults.AUTOSCALE_INTERVAL);
        Duration initialization = s.duration("initialization_period", Defaults.AUTOSCALE_INITIALIZATION_PERIOD);
        Direction up = Direction.scaleUpDefaults();
        Direction down = Direction.scaleDownDefaults();
        Optional<Section> behavior = s.section("behavior");
        if (behavior.isPresent()) {
            Section b = behavior.get();
            up = b.section("scale_up").map(d -> direction(d, Direction.scaleUpDefaults())).orElse(up);
            down = b.section("scale_down").map(d -> direction(d, Direction.scaleDownDefaults())).orElse(down);
            b.finish();
        }
        List<Schedule> schedules = s.binding().items(s.child("schedules"), s.list("schedules"),
                (path, node) -> s.binding().section(path, node).flatMap(AutoscaleBinder::schedule));
        int alertEvents = s.integer("alert_scaling_events_per_hour", Defaults.AUTOSCALE_ALERT_SCALING_EVENTS_PER_HOUR);
        double price = s.value("price_per_replica_hour", Defaults.AUTOSCALE_PRICE_PER_REPLICA_HOUR, Values::decimal);
        Predictive predictive = s.section("predictive").map(AutoscaleBinder::predictive).orElse(Predictive.off());
        s.finish();
        return new AutoscaleConfig(min, max, targets, rules, tolerance, interval, initialization, up, down, schedules,
                alertEvents, price, predictive);
    }

    /** {@code {mode: forecast_and_scale, scheduling_buffer: auto}}; written without mode, it scales. */
    private static Predictive predictive(Section s) {
        String mode = s.value("mode", "forecast_and_scale", Names::predictiveMode);
        Duration buffer = s.value("scheduling_buffer", Duration.ZERO,
                text -> text.trim().equals("auto") ? Duration.ZERO : Values.duration(text));
        s.finish();
        return new Predictive(mode, buffer);
    }

    /** In {@link Metric} order; keys that are no metric are reported by {@link Section#finish()}, with the closest one. */
    private static List<Target> targets(Section s) {
        List<Target> targets = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            s.value(metric.configName(), text -> AutoscaleSyntax.value(metric, text))
                    .ifPresent(value -> targets.add(new Target(metric, value)));
        }
        s.finish();
        return targets;
    }

    /** A quoted rule, or the one-entry mapping YAML makes of {@code - cpu > 70 for 5m: +1} without quotes. */
    private static Optional<Rule> rule(Binding binding, String path, Node node) {
        if (node instanceof Node.Mapping mapping && mapping.entries().size() == 1
                && mapping.entries().get(0).value() instanceof Node.Scalar change && !change.isBlank()) {
            String text = mapping.entries().get(0).key() + ": " + change.text();
            return binding.parse(path, new Node.Scalar(text, node.line()), AutoscaleSyntax::rule);
        }
        if (!(node instanceof Node.Scalar)) {
            binding.problems().add(path, "expected a rule such as \"cpu > 70 for 5m: +1\", got " + node.describe());
            return Optional.empty();
        }
        return binding.parse(path, node, AutoscaleSyntax::rule);
    }

    private static Direction direction(Section s, Direction d) {
        Duration window = s.duration("stabilization_window", d.stabilizationWindow());
        String select = s.value("select_policy", d.select(), Names::selectPolicy);
        List<Policy> policies = d.policies();
        if (s.has("policies")) {
            policies = s.binding().items(s.child("policies"), s.list("policies"),
                    (path, node) -> s.binding().section(path, node).flatMap(AutoscaleBinder::policy));
        }
        s.finish();
        return new Direction(window, policies, select);
    }

    /** {@code {type: percent|pods, value: N, period: DURATION}}, every key required as in Kubernetes. */
    private static Optional<Policy> policy(Section s) {
        Optional<Boolean> percent = s.required("type", Names::policyType);
        Optional<Integer> value = s.required("value", Values::integer);
        Optional<Duration> period = s.required("period", Values::duration);
        s.finish();
        if (percent.isEmpty() || value.isEmpty() || period.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Policy(percent.get(), value.get(), period.get()));
    }

    /**
     * {@code {days: mon-fri, hours: "06:00-09:00", min: 5}}; days default to every day, hours to the whole
     * day, but one of them must be given: a floor at all times is {@code min}.
     */
    private static Optional<Schedule> schedule(Section s) {
        Optional<Node> daysNode = s.get("days");
        Optional<Node> hoursNode = s.get("hours");
        List<Integer> days = daysNode.map(node -> days(s.binding(), s.child("days"), node)).orElse(Schedule.EVERY_DAY);
        int[] hours = hoursNode.map(node -> hours(s.binding(), s.child("hours"), node))
                .orElse(new int[] {0, Schedule.END_OF_DAY});
        Optional<Integer> min = s.required("min", Values::integer);
        if (daysNode.isEmpty() && hoursNode.isEmpty() && !s.isEmpty()) {
            s.binding().problems().add(KeyPaths.parent(s.child("min")), "needs days, hours or both; a floor at"
                    + " all times is autoscale's min");
        }
        s.finish();
        if (days.isEmpty() || hours.length == 0 || min.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Schedule(days, hours[0], hours[1], min.get()));
    }

    /** One word ({@code mon-fri}) or a list of them ({@code [sat, sun]}); empty when unreadable (reported). */
    private static List<Integer> days(Binding binding, String path, Node node) {
        if (node instanceof Node.Sequence sequence) {
            List<List<Integer>> parts = binding.items(path, binding.list(path, node),
                    (item, n) -> binding.parse(item, n, AutoscaleSyntax::days));
            if (parts.size() < sequence.items().size()) {
                return List.of();
            }
            TreeSet<Integer> days = new TreeSet<>();
            parts.forEach(days::addAll);
            if (days.isEmpty()) {
                binding.problems().add(path, "at least one day is required; leave days out for every day");
            }
            return List.copyOf(days);
        }
        return binding.parse(path, node, AutoscaleSyntax::days).orElse(List.of());
    }

    /** One range; a list is refused with how to write several. Empty when unreadable (reported). */
    private static int[] hours(Binding binding, String path, Node node) {
        if (node instanceof Node.Sequence) {
            binding.problems().add(path, "expected one range such as \"06:00-09:00\", got a list;"
                    + " write one schedule for each range");
            return new int[0];
        }
        return binding.parse(path, node, AutoscaleSyntax::hours).orElse(new int[0]);
    }
}
