package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.ConfigException.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid {@code autoscale} blocks are reported with file, line and key, like every other setting. */
class YamlAutoscaleConfigErrorsTest {
    private static final String AS = "services.web.autoscale";
    /** Lines 4 and 5 of {@link #problems}: the service's run block and {@code autoscale:}; the given lines follow. */
    private static final String HEAD = "    run: {command: ./app}\n    autoscale:\n";

    @Test
    void onlyOnARunService() {
        assertOnly("    servers: [127.0.0.1:9001]\n    autoscale: {max: 10, targets: {cpu: 70}}\n", 5, AS,
                "only applies to a service with run: Shoal scales the replicas it starts itself");
        assertOnly("    servers: [127.0.0.1:9001]\n    autoscale:\n      max: 10\n", 5, AS, "only applies to a service with run");
    }

    @Test
    void maxIsRequiredAtLeastMinAndAtMostAThousand() {
        assertOnly(HEAD + "      min: 2\n      targets: {cpu: 70}\n", 5, AS + ".max", "required key is missing");
        assertOnly(HEAD + "      min: 5\n      max: 3\n      targets: {cpu: 70}\n", 7, AS + ".max",
                "must be at least min (5), got 3");
        assertOnly(HEAD + "      max: 1001\n      targets: {cpu: 70}\n", 6, AS + ".max", "must be at most 1000, got 1001");
        assertOnly(HEAD + "      min: 0\n      max: 0\n      targets: {cpu: 70}\n", 7, AS + ".max", "must be at least 1, got 0");
        assertOnly(HEAD + "      min: -1\n      max: 3\n      targets: {cpu: 70}\n", 6, AS + ".min", "must be at least 0, got -1");
        assertOnly(HEAD + "      max: ten\n      targets: {cpu: 70}\n", 6, AS + ".max", "expected a whole number, got 'ten'");
    }

    @Test
    void atLeastOneTargetOrRule() {
        assertOnly(HEAD + "      max: 10\n", 5, AS, "needs at least one target to scale on (e.g. targets: {cpu: 70})"
                + " or rule (e.g. rules: [\"cpu > 70 for 5m: +1\"])");
        assertOnly(HEAD + "      max: 10\n      targets: {}\n      rules: []\n", 5, AS, "needs at least one target");
    }

    @Test
    void targetsArePositiveAndInTheirUnits() {
        assertOnly(HEAD + "      max: 10\n      targets:\n        cpu: 0\n", 8, AS + ".targets.cpu", "must be positive, got 0%");
        assertOnly(HEAD + "      max: 10\n      targets:\n        rps: 0\n", 8, AS + ".targets.rps", "must be positive, got 0");
        assertOnly(HEAD + "      max: 10\n      targets:\n        cpu: 0.7\n", 8, AS + ".targets.cpu",
                "is in percent of one core (70 means 70 %), got 0.7%; did you mean 70%?");
        assertOnly(HEAD + "      max: 10\n      targets:\n        cpu: -70\n", 8, AS + ".targets.cpu",
                "expected percent of one core, e.g. 70 or 70%, got '-70'");
        assertOnly(HEAD + "      max: 10\n      targets:\n        memory: 256Mi\n", 8, AS + ".targets.memory",
                "bad memory '256Mi' (bytes per replica, or a whole number with k, m or g, e.g. 256m, 1g); Kubernetes' 256Mi is 256M");
        assertOnly(HEAD + "      max: 10\n      targets:\n        p95_latency: 250\n", 8, AS + ".targets.p95_latency",
                "'250' has no unit; p95_latency is a duration, e.g. 250ms");
        assertOnly(HEAD + "      max: 10\n      targets:\n        inflight: 8\n", 8, AS + ".targets.inflight",
                "unknown key; did you mean in_flight?");
        assertOnly(HEAD + "      max: 10\n      targets:\n        cpu: 70\n        p95_latency_ms: 200ms\n", 9,
                AS + ".targets.p95_latency_ms", "unknown key; did you mean p95_latency?");
    }

    @Test
    void alertsPriceAndPrediction() {
        assertOnly(HEAD + "      max: 10\n      targets: {cpu: 70}\n      alert_scaling_events_per_hour: 0\n", 8,
                AS + ".alert_scaling_events_per_hour", "must be at least 1, got 0");
        assertOnly(HEAD + "      max: 10\n      targets: {cpu: 70}\n      price_per_replica_hour: $0.05\n", 8,
                AS + ".price_per_replica_hour", "bad number '$0.05' (a number such as 0.05 or 12)");
        assertOnly(HEAD + "      max: 10\n      targets: {cpu: 70}\n      predictive: {mode: forecast_and_scale}\n", 8,
                AS + ".predictive", "needs an rps target: the forecast is in requests per second, and targets.rps says"
                        + " how many one replica serves");
        assertOnly(HEAD + "      max: 10\n      targets: {rps: 70}\n      predictive: {mode: ForecastAndScale}\n", 8,
                AS + ".predictive.mode", "unknown predictive mode 'ForecastAndScale'");
    }

    @Test
    void rulesFollowTheirSyntax() {
        assertOnly(HEAD + "      max: 10\n      rules:\n        - \"cpu > 70 for 5m: +1\"\n        - \"cpu above 70: +1\"\n", 9,
                AS + ".rules[1]", "bad rule 'cpu above 70: +1' (METRIC > or < THRESHOLD for DURATION: +N or -N,"
                        + " e.g. \"cpu > 70 for 5m: +1\")");
        assertOnly(HEAD + "      max: 10\n      rules: [\"cpu >= 70 for 5m: +1\"]\n", 7, AS + ".rules[0]",
                "rule 'cpu >= 70 for 5m: +1': compare with > or <, not >=");
        assertOnly(HEAD + "      max: 10\n      rules: [\"cpu > 70 for 5m: 1\"]\n", 7, AS + ".rules[0]",
                "rule 'cpu > 70 for 5m: 1': write the change with its sign, +1 to add replicas or -1 to remove them");
        assertOnly(HEAD + "      max: 10\n      rules: [\"cpuu > 70 for 5m: +1\"]\n", 7, AS + ".rules[0]",
                "unknown metric 'cpuu'; valid: cpu, memory, in_flight, rps, p95_latency, queue_length; did you mean cpu?");
        assertOnly(HEAD + "      max: 10\n      rules: [\"cpu > 70 for 5: +1\"]\n", 7, AS + ".rules[0]",
                "'5' has no unit; write e.g. 5s");
        assertOnly(HEAD + "      max: 10\n      rules: [\"p95_latency > 500 for 1m: +1\"]\n", 7, AS + ".rules[0]",
                "'500' has no unit; p95_latency is a duration, e.g. 500ms");
        assertOnly(HEAD + "      max: 10\n      rules:\n        - \"cpu > 70 for 5m: +0\"\n", 8, AS + ".rules[0]",
                "a change of 0 does nothing");
        assertOnly(HEAD + "      max: 10\n      rules:\n        - {cpu: 70}\n", 8, AS + ".rules[0]",
                "bad rule 'cpu: 70'");
        assertOnly(HEAD + "      max: 10\n      rules:\n        - [cpu, 70]\n", 8, AS + ".rules[0]",
                "expected a rule such as \"cpu > 70 for 5m: +1\", got a list");
    }

    @Test
    void aRuleLeftOutKeepsTheOthersPositions() {
        List<ConfigProblem> problems = problems(HEAD + "      max: 10\n      rules:\n        - bad\n"
                + "        - \"cpu > 70 for 5m: +1\"\n        - \"cpu < 30 for 5m: -0\"\n");
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "shoal.yaml:8: " + AS + ".rules[0]: bad rule 'bad' (METRIC > or < THRESHOLD for DURATION: +N or -N,"
                        + " e.g. \"cpu > 70 for 5m: +1\")",
                "shoal.yaml:10: " + AS + ".rules[2]: a change of 0 does nothing; write +1 (or more) to add replicas,"
                        + " -1 (or less) to remove them");
    }

    @Test
    void toleranceIntervalAndInitializationPeriod() {
        assertOnly(HEAD + "      max: 10\n      targets: {cpu: 70}\n      tolerance: 100%\n", 8, AS + ".tolerance",
                "must be at least 0% and below 100%, got 100%");
        assertOnly(HEAD + "      max: 10\n      targets: {cpu: 70}\n      tolerance: 10\n", 8, AS + ".tolerance",
                "'10' is more than 1 as a fraction; write 10% for a percentage");
        assertOnly(HEAD + "      max: 10\n      targets: {cpu: 70}\n      interval: 0s\n", 8, AS + ".interval",
                "must be positive, got 0s");
        assertOnly(HEAD + "      max: 10\n      targets: {cpu: 70}\n      initialization_period: 30\n", 8,
                AS + ".initialization_period", "'30' has no unit; write e.g. 30s");
    }

    @Test
    void behaviourFollowsKubernetesBounds() {
        String base = HEAD + "      max: 10\n      targets: {cpu: 70}\n      behavior:\n";
        assertOnly(base + "        scale_up: {select_policy: Max}\n", 9, AS + ".behavior.scale_up.select_policy",
                "unknown select policy 'Max'; valid: max, min, disabled; did you mean max?");
        assertOnly(base + "        scale_down:\n          policies: []\n", 10, AS + ".behavior.scale_down.policies",
                "at least one policy is required (leave policies out for the defaults, or write select_policy: disabled");
        assertOnly(base + "        scale_down:\n          stabilization_window: 2h\n", 10,
                AS + ".behavior.scale_down.stabilization_window",
                "must be between 0s and 1h (Kubernetes' stabilizationWindowSeconds, 0 to 3600), got 2h");
        assertOnly(base + "        scale_up:\n          policies:\n            - {type: pods, value: 4, period: 1h}\n", 11,
                AS + ".behavior.scale_up.policies[0].period",
                "must be positive and at most 30m (Kubernetes' periodSeconds, 1 to 1800), got 1h");
        assertOnly(base + "        scale_up:\n          policies:\n            - {type: pods, value: 0, period: 15s}\n", 11,
                AS + ".behavior.scale_up.policies[0].value", "must be at least 1, got 0");
        assertOnly(base + "        scale_up:\n          policies:\n            - {type: Percent, value: 100, period: 15s}\n",
                11, AS + ".behavior.scale_up.policies[0].type",
                "unknown policy type 'Percent'; valid: percent, pods; did you mean percent?");
        assertOnly(base + "        scale_up:\n          policies:\n            - {value: 100, period: 15s}\n", 11,
                AS + ".behavior.scale_up.policies[0].type", "required key is missing");
        assertOnly(base + "        scaleUp: {select_policy: max}\n", 9, AS + ".behavior.scaleUp",
                "unknown key; did you mean scale_up?");
        assertOnly(base + "        scale_up: {stabilizationWindowSeconds: 0}\n", 9,
                AS + ".behavior.scale_up.stabilizationWindowSeconds", "unknown key");
    }

    @Test
    void schedules() {
        String base = HEAD + "      min: 2\n      max: 10\n      targets: {cpu: 70}\n      schedules:\n";
        assertOnly(base + "        - {hours: \"22:00-02:00\", min: 4}\n", 10, AS + ".schedules[0].hours",
                "must end after it starts, got 22:00-02:00; for a range past midnight write two schedules,"
                        + " 22:00-24:00 and 00:00-02:00");
        assertOnly(base + "        - {hours: \"08:00-08:00\", min: 4}\n", 10, AS + ".schedules[0].hours",
                "must end after it starts, got 08:00-08:00");
        assertOnly(base + "        - {hours: \"06-08\", min: 4}\n", 10, AS + ".schedules[0].hours",
                "bad hours '06-08' (HH:MM-HH:MM, e.g. 06:00-09:00; 24:00 is the end of the day)");
        assertOnly(base + "        - {hours: \"23:00-25:00\", min: 4}\n", 10, AS + ".schedules[0].hours",
                "bad time 25:00 in hours '23:00-25:00' (00:00 to 23:59, or 24:00 for the end of the day)");
        assertOnly(base + "        - {days: fri-mon, min: 4}\n", 10, AS + ".schedules[0].days",
                "days 'fri-mon' run backwards; the week starts on Monday, so write them in order (e.g. sat,sun,mon)");
        assertOnly(base + "        - {days: [sat, sundy], min: 4}\n", 10, AS + ".schedules[0].days[1]",
                "unknown day 'sundy'; valid: mon, tue, wed, thu, fri, sat, sun; did you mean sunday?");
        assertOnly(base + "        - {days: mon-fri, hours: \"06:00-09:00\", min: 11}\n", 10, AS + ".schedules[0].min",
                "must be between autoscale's min and max (2 to 10), got 11");
        assertOnly(base + "        - {days: mon-fri, hours: \"06:00-09:00\", min: 1}\n", 10, AS + ".schedules[0].min",
                "must be between autoscale's min and max (2 to 10), got 1");
        assertOnly(base + "        - {days: mon-fri, hours: \"06:00-09:00\"}\n", 10, AS + ".schedules[0].min",
                "required key is missing");
        assertOnly(base + "        - {min: 5}\n", 10, AS + ".schedules[0]",
                "needs days, hours or both; a floor at all times is autoscale's min");
        assertOnly(base + "        - {hours: [\"06:00-09:00\", \"18:00-21:00\"], min: 5}\n", 10, AS + ".schedules[0].hours",
                "expected one range such as \"06:00-09:00\", got a list; write one schedule for each range");
        assertOnly(base + "        - {days: sat, hour: \"06:00-09:00\", min: 5}\n", 10, AS + ".schedules[0].hour",
                "unknown key; did you mean hours?");
    }

    @Test
    void aWrittenReplicasCountLiesWithinMinAndMax() {
        assertOnly("    run:\n      command: ./app\n      replicas: 1\n    autoscale: {min: 2, max: 10, targets: {cpu: 70}}\n",
                6, "services.web.run.replicas", "with autoscale, the count started with; must be between min and max"
                        + " (2 to 10), got 1; leave it out to start at min");
        assertOnly("    run:\n      command: ./app\n      replicas: 2000\n    autoscale: {min: 2, max: 10, targets: {cpu: 70}}\n",
                6, "services.web.run.replicas", "must be between 0 and 1000, got 2000");
    }

    @Test
    void unknownKeysAndShapes() {
        assertOnly(HEAD + "      max: 10\n      targets: {cpu: 70}\n      intervall: 2s\n", 8, AS + ".intervall",
                "unknown key; did you mean interval?");
        assertOnly(HEAD + "      maxReplicas: 10\n      max: 10\n      targets: {cpu: 70}\n", 6, AS + ".maxReplicas", "unknown key");
        assertOnly("    run: {command: ./app}\n    autoscale: true\n", 5, AS, "expected a mapping, got 'true'");
        assertOnly(HEAD + "      max: 10\n      targets: [cpu, 70]\n", 7, AS + ".targets", "expected a mapping, got a list");
    }

    @Test
    void everyProblemAtOnceInLineOrder() {
        List<ConfigProblem> problems = problems("""
                    run: {command: ./app}
                    autoscale:
                      min: 3
                      max: 2
                      targets:
                        cpu: 0
                      rules: ["cpu > 70 for 5m: 1"]
                      tolerance: 2
                      behavior:
                        scale_down: {select_policy: none}
                      schedules:
                        - {hours: "20:00-18:00", min: 4}
                """);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "shoal.yaml:7: " + AS + ".max: must be at least min (3), got 2",
                "shoal.yaml:9: " + AS + ".targets.cpu: must be positive, got 0%",
                "shoal.yaml:10: " + AS + ".rules[0]: rule 'cpu > 70 for 5m: 1': write the change with its sign,"
                        + " +1 to add replicas or -1 to remove them",
                "shoal.yaml:11: " + AS + ".tolerance: '2' is more than 1 as a fraction; write 2% for a percentage",
                "shoal.yaml:13: " + AS + ".behavior.scale_down.select_policy: unknown select policy 'none';"
                        + " valid: max, min, disabled",
                "shoal.yaml:15: " + AS + ".schedules[0].hours: must end after it starts, got 20:00-18:00;"
                        + " for a range past midnight write two schedules, 20:00-24:00 and 00:00-18:00");
    }

    private static void assertOnly(String serviceLines, int line, String key, String messageStart) {
        ServiceProblems.assertOnly(ServiceProblems.WEB, serviceLines, line, key, messageStart);
    }

    private static List<ConfigProblem> problems(String serviceLines) {
        return ServiceProblems.of(ServiceProblems.WEB, serviceLines);
    }
}
