package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.AutoscaleConfig.Direction;
import io.shoal.config.AutoscaleConfig.Metric;
import io.shoal.config.AutoscaleConfig.Policy;
import io.shoal.config.AutoscaleConfig.Predictive;
import io.shoal.config.AutoscaleConfig.Rule;
import io.shoal.config.AutoscaleConfig.Schedule;
import io.shoal.config.AutoscaleConfig.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding of a {@code run} service's {@code autoscale} block: every key, the short forms and the defaults. */
class YamlAutoscaleConfigTest {
    private static final Duration S15 = Duration.ofSeconds(15);

    @Test
    void everyKeyBinds() throws ConfigException {
        ServiceConfig web = service("""
                    run: {command: ./app}
                    autoscale:
                      min: 2
                      max: 10
                      targets:
                        cpu: 70
                        memory: 256m
                        in_flight: 8
                        rps: 100
                        p95_latency: 250ms
                        queue_length: 20
                      rules:
                        - "cpu > 70 for 5m: +1"
                        - "cpu < 30 for 5m: -1"
                      tolerance: 10%
                      interval: 1s
                      initialization_period: 30s
                      behavior:
                        scale_up:   {stabilization_window: 0s,   select_policy: max, policies: [{type: percent, value: 100, period: 15s}, {type: pods, value: 4, period: 15s}]}
                        scale_down: {stabilization_window: 300s, select_policy: max, policies: [{type: percent, value: 100, period: 15s}]}
                      schedules:
                        - {days: mon-fri, hours: "06:00-08:00", min: 5}
                        - {hours: "12:00-13:00", min: 4}
                      alert_scaling_events_per_hour: 6
                      price_per_replica_hour: 0.05
                      predictive: {mode: forecast_only, scheduling_buffer: 2m}
                """);

        assertThat(web.autoscale()).isEqualTo(new AutoscaleConfig(2, 10,
                List.of(new Target(Metric.CPU, 70), new Target(Metric.MEMORY, 256 * 1024 * 1024),
                        new Target(Metric.IN_FLIGHT, 8), new Target(Metric.RPS, 100),
                        new Target(Metric.P95_LATENCY_MS, 250), new Target(Metric.QUEUE_LENGTH, 20)),
                List.of(new Rule(Metric.CPU, true, 70, Duration.ofMinutes(5), 1),
                        new Rule(Metric.CPU, false, 30, Duration.ofMinutes(5), -1)),
                0.1, Duration.ofSeconds(1), Duration.ofSeconds(30),
                new Direction(Duration.ZERO, List.of(Policy.percent(100, S15), Policy.pods(4, S15)), "max"),
                new Direction(Duration.ofSeconds(300), List.of(Policy.percent(100, S15)), "max"),
                List.of(new Schedule(List.of(1, 2, 3, 4, 5), 6 * 60, 8 * 60, 5),
                        new Schedule(List.of(1, 2, 3, 4, 5, 6, 7), 12 * 60, 13 * 60, 4)),
                6, 0.05, new Predictive("forecast_only", Duration.ofMinutes(2))));
        assertThat(web.run().replicas()).as("started at min").isEqualTo(2);
    }

    @Test
    void defaults() throws ConfigException {
        ServiceConfig web = service("    run: {command: ./app}\n    autoscale: {max: 10, targets: {cpu: 70}}\n");
        AutoscaleConfig a = web.autoscale();

        assertThat(a).isEqualTo(AutoscaleConfig.of(1, 10, List.of(new Target(Metric.CPU, 70)), List.of()));
        assertThat(a.min()).isEqualTo(1).isEqualTo(Defaults.AUTOSCALE_MIN);
        assertThat(a.tolerance()).isEqualTo(0.1).isEqualTo(Defaults.AUTOSCALE_TOLERANCE);
        assertThat(a.interval()).isEqualTo(Duration.ofSeconds(1)).isEqualTo(Defaults.AUTOSCALE_INTERVAL);
        assertThat(a.initializationPeriod()).isEqualTo(Duration.ofSeconds(30))
                .isEqualTo(Defaults.AUTOSCALE_INITIALIZATION_PERIOD);
        assertThat(a.scaleUp()).as("Kubernetes' default scaleUp").isEqualTo(new Direction(Duration.ZERO,
                List.of(new Policy(true, 100, S15), new Policy(false, 4, S15)), "max"));
        assertThat(a.scaleDown()).as("Kubernetes' default scaleDown").isEqualTo(new Direction(Duration.ofSeconds(300),
                List.of(new Policy(true, 100, S15)), "max"));
        assertThat(a.rules()).isEmpty();
        assertThat(a.schedules()).isEmpty();
        assertThat(web.run().replicas()).isEqualTo(1);
        assertThat(service("    run: {command: ./app}\n    autoscale: {max: 10, targets: {cpu: 70}, behavior: {}}\n")
                .autoscale()).isEqualTo(a);
    }

    @Test
    void withoutAutoscaleThereIsNone() throws ConfigException {
        assertThat(service("    run: {command: ./app}\n").autoscale()).isNull();
        assertThat(service("    servers: [127.0.0.1:9001]\n").autoscale()).isNull();
    }

    @Test
    void behaviourKeysLeftOutKeepKubernetesDefaults() throws ConfigException {
        AutoscaleConfig a = autoscale("""
                      behavior:
                        scale_up: {select_policy: disabled}
                        scale_down: {stabilization_window: 60s}
                """);
        AutoscaleConfig policiesOnly = autoscale("""
                      behavior:
                        scale_down:
                          policies:
                            - {type: pods, value: 1, period: 1m}
                """);

        Direction up = Direction.scaleUpDefaults();
        Direction down = Direction.scaleDownDefaults();
        assertThat(a.scaleUp()).isEqualTo(new Direction(up.stabilizationWindow(), up.policies(), "disabled"));
        assertThat(a.scaleDown()).isEqualTo(new Direction(Duration.ofSeconds(60), down.policies(), "max"));
        assertThat(policiesOnly.scaleUp()).isEqualTo(up);
        assertThat(policiesOnly.scaleDown()).as("written policies replace the default ones, the rest stays")
                .isEqualTo(new Direction(Duration.ofSeconds(300), List.of(Policy.pods(1, Duration.ofMinutes(1))), "max"));
        assertThat(autoscale("      behavior: {scale_up: {select_policy: min}}\n").scaleUp().select()).isEqualTo("min");
        assertThat(autoscale("      behavior: {scale_down: {select_policy: disabled, policies: []}}\n").scaleDown())
                .isEqualTo(new Direction(Duration.ofSeconds(300), List.of(), "disabled"));
    }

    @Test
    void targetsInTheirUnits() throws ConfigException {
        AutoscaleConfig a = autoscale("""
                      targets:
                        cpu: 62.5%
                        memory: 4g
                        rps: 0.5
                        p95_latency: 1s
                """);

        assertThat(a.targets()).containsExactly(new Target(Metric.CPU, 62.5), new Target(Metric.MEMORY, 4.0 * (1L << 30)),
                new Target(Metric.RPS, 0.5), new Target(Metric.P95_LATENCY_MS, 1000));
        assertThat(autoscale("      targets: {memory: 268435456}\n").targets())
                .containsExactly(new Target(Metric.MEMORY, 256 * 1024 * 1024));
        assertThat(autoscale("      targets: {cpu: 150}\n").targets()).as("more than one core")
                .containsExactly(new Target(Metric.CPU, 150));
    }

    @Test
    void rulesInEveryMetricAndUnquoted() throws ConfigException {
        AutoscaleConfig a = service("""
                    run: {command: ./app}
                    autoscale:
                      max: 10
                      rules:
                        - cpu > 80% for 30s: +1
                        - "p95_latency > 500ms for 10s: +2"
                        - "memory<128m for 10m:-1"
                        - "queue_length > 0 for 0s: +3"
                        - "in_flight < 0.5 for 2m: -1"
                        - "rps > 1000 for 1m: +10"
                """).autoscale();

        assertThat(a.rules()).containsExactly(
                new Rule(Metric.CPU, true, 80, Duration.ofSeconds(30), 1),
                new Rule(Metric.P95_LATENCY_MS, true, 500, Duration.ofSeconds(10), 2),
                new Rule(Metric.MEMORY, false, 128 * 1024 * 1024, Duration.ofMinutes(10), -1),
                new Rule(Metric.QUEUE_LENGTH, true, 0, Duration.ZERO, 3),
                new Rule(Metric.IN_FLIGHT, false, 0.5, Duration.ofMinutes(2), -1),
                new Rule(Metric.RPS, true, 1000, Duration.ofMinutes(1), 10));
        assertThat(a.targets()).isEmpty();
    }

    @Test
    void scheduleDaysAndHours() throws ConfigException {
        AutoscaleConfig a = autoscale("""
                      schedules:
                        - {days: "sat,sun", min: 3}
                        - {days: [mon, wed-fri], hours: "18:00-24:00", min: 4}
                        - {days: "mon-wed,fri", hours: "6:30-9:00", min: 5}
                        - {days: sunday, hours: "00:00-00:01", min: 2}
                        - days: tuesday
                          hours: 12:00-13:30
                          min: 10
                """);

        assertThat(a.schedules()).containsExactly(
                new Schedule(List.of(6, 7), 0, 24 * 60, 3),
                new Schedule(List.of(1, 3, 4, 5), 18 * 60, 24 * 60, 4),
                new Schedule(List.of(1, 2, 3, 5), 6 * 60 + 30, 9 * 60, 5),
                new Schedule(List.of(7), 0, 1, 2),
                new Schedule(List.of(2), 12 * 60, 13 * 60 + 30, 10));
    }

    @Test
    void aWrittenReplicasCountIsTheStartingCount() throws ConfigException {
        ServiceConfig web = service("    run: {command: ./app, replicas: 4}\n    autoscale: {min: 2, max: 10, targets: {cpu: 70}}\n");
        ServiceConfig zero = service("    run: {command: ./app}\n    autoscale: {min: 0, max: 3, targets: {queue_length: 1}}\n");

        assertThat(web.run().replicas()).isEqualTo(4);
        assertThat(zero.run().replicas()).isZero();
        assertThat(zero.autoscale().min()).isZero();
    }

    @Test
    void metricNamesAreTheTargetKeys() {
        assertThat(Metric.P95_LATENCY_MS.configName()).isEqualTo("p95_latency");
        assertThat(Metric.IN_FLIGHT.configName()).isEqualTo("in_flight");
        assertThat(Values.autoscaleRule("p95_latency > 1s for 1m: +1").threshold()).isEqualTo(1000);
    }

    /** Seed 004's HorizontalPodAutoscaler: minReplicas 2, maxReplicas 10, cpu averageUtilization 70. */
    @Test
    void theDocsReproduceSeed004sHpa() throws Exception {
        ServiceConfig web = docServices().stream().filter(s -> s.name().equals("minshool-app")).findFirst().orElseThrow();

        assertThat(web.autoscale()).isEqualTo(AutoscaleConfig.of(2, 10, List.of(new Target(Metric.CPU, 70)), List.of()));
        assertThat(web.run().replicas()).isEqualTo(2);
    }

    /** Seed 000's auto-scale.sh (2 to 10, +1 above 80 %, -1 below 30 %, every 30 s) and predictive-scaling.sh's hours. */
    @Test
    void theDocsReproduceSeed000sScripts() throws Exception {
        ServiceConfig web = docServices().stream()
                .filter(s -> s.autoscale() != null && s.autoscale().schedules().size() == 6).findFirst().orElseThrow();
        AutoscaleConfig a = web.autoscale();

        assertThat(a.min()).isEqualTo(2);
        assertThat(a.max()).isEqualTo(10);
        assertThat(a.targets()).isEmpty();
        assertThat(a.rules()).containsExactly(new Rule(Metric.CPU, true, 80, Duration.ofSeconds(30), 1),
                new Rule(Metric.CPU, false, 30, Duration.ofSeconds(30), -1));
        assertThat(a.scaleDown().stabilizationWindow()).as("the script has no window; a -1 rule needs none")
                .isZero();
        List<Integer> every = Schedule.EVERY_DAY;
        assertThat(a.schedules()).containsExactlyInAnyOrder(
                new Schedule(every, 6 * 60, 9 * 60, 5), new Schedule(every, 12 * 60, 14 * 60, 5),
                new Schedule(every, 18 * 60, 21 * 60, 5), new Schedule(every, 9 * 60, 12 * 60, 3),
                new Schedule(every, 14 * 60, 18 * 60, 3), new Schedule(every, 21 * 60, 24 * 60, 3));
    }

    /** Every service of every {@code yaml} block of the page; each block must load. */
    static List<ServiceConfig> docServices() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<ServiceConfig> services = new ArrayList<>();
        for (int start = doc.indexOf("```yaml\n"); start >= 0; start = doc.indexOf("```yaml\n", start)) {
            start += "```yaml\n".length();
            services.addAll(YamlConfigLoader.parse(doc.substring(start, doc.indexOf("```", start)), "configuration.md")
                    .services().values());
        }
        return services;
    }

    /** The autoscale block of a run service with {@code max: 10}, the given lines following {@code max}. */
    private static AutoscaleConfig autoscale(String lines) throws ConfigException {
        return service("    run: {command: ./app}\n    autoscale:\n      max: 10\n"
                + (lines.contains("targets:") || lines.contains("rules:") ? "" : "      targets: {cpu: 70}\n") + lines)
                .autoscale();
    }

    /** Service {@code web} of a file with one listener, the given lines making up its body. */
    private static ServiceConfig service(String serviceLines) throws ConfigException {
        return YamlRunConfigTest.service(serviceLines);
    }
}
