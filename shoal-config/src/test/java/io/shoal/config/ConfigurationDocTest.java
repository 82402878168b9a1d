package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md must state the defaults {@link Defaults} and the records' factories define. */
class ConfigurationDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_.\\[\\]]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);
    private static final Pattern FIRST_CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern READINESS_LINE =
            Pattern.compile("^    health_check: \\{type: tcp, interval: [^}\\n]*}$", Pattern.MULTILINE);

    @Test
    void documentedDefaultsAreTheRealOnes() throws IOException {
        Map<String, List<String>> rows = rows(Files.readString(Path.of("..", "docs", "configuration.md")));
        ServerConfig server = ServerConfig.of(new HostPort("h", 1));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("threads", ProxySettings.defaults().threads());
        expected.put("client_header_timeout", Defaults.CLIENT_HEADER_TIMEOUT);
        expected.put("client_body_timeout", Defaults.CLIENT_BODY_TIMEOUT);
        expected.put("client_body_buffer_size", Size.of(Defaults.CLIENT_BODY_BUFFER_BYTES));
        expected.put("idle_timeout", Defaults.IDLE_TIMEOUT);
        expected.put("max_request_line", Size.of(Defaults.MAX_REQUEST_LINE_BYTES));
        expected.put("max_header_size", Size.of(Defaults.MAX_HEADER_BYTES));
        expected.put("max_connections", Defaults.MAX_CONNECTIONS);
        expected.put("max_connections_per_client", Defaults.MAX_CONNECTIONS_PER_CLIENT);
        expected.put("http2.max_concurrent_streams", Defaults.HTTP2_MAX_CONCURRENT_STREAMS);
        expected.put("http2.initial_window_size", Defaults.HTTP2_INITIAL_WINDOW_SIZE);
        expected.put("http2.connection_window_size", Size.of(Defaults.HTTP2_CONNECTION_WINDOW_SIZE));
        expected.put("http2.max_frame_size", Size.of(Defaults.HTTP2_MAX_FRAME_SIZE));
        TuningConfig tuning = TuningConfig.defaults();
        expected.put("tuning.busy_poll", tuning.busyPoll());
        expected.put("tuning.compiler_nice", tuning.compilerNice());
        expected.put("tuning.gc_at_start", tuning.gcAtStart());
        expected.put("access_log.format", AccessLogConfig.off().format().name().toLowerCase(java.util.Locale.ROOT));
        expected.put("admin.listen", "127.0.0.1:" + Defaults.ADMIN_PORT);
        expected.put("admin.allow", "[" + String.join(", ", AdminConfig.defaults().allow()) + "]");
        expected.put("balance", BalanceConfig.Algorithm.ROUND_ROBIN.configName());
        expected.put("sticky.cookie", Defaults.STICKY_COOKIE);
        expected.put("protocol", Defaults.SERVICE_PROTOCOL.configName());
        expected.put("redirect_code", Defaults.REDIRECT_CODE);
        expected.put("redirect_port", Defaults.REDIRECT_PORT);
        expected.put("hsts.max_age", Defaults.HSTS_MAX_AGE);
        expected.put("hsts.include_subdomains", false);
        expected.put("hsts.preload", false);
        expected.put("tls.protocols", "[" + String.join(", ", Defaults.TLS_PROTOCOLS) + "]");
        expected.put("tls.verify", Defaults.UPSTREAM_TLS_VERIFY);
        expected.put("connect_timeout", Defaults.CONNECT_TIMEOUT);
        expected.put("response_timeout", Defaults.RESPONSE_TIMEOUT);
        expected.put("retry.tries", Defaults.RETRY_TRIES);
        expected.put("retry.deadline", Defaults.RETRY_DEADLINE);
        expected.put("queue.size", Defaults.QUEUE_SIZE);
        expected.put("queue.timeout", Defaults.QUEUE_TIMEOUT);
        expected.put("keepalive.max_idle", Defaults.POOL_MAX_IDLE);
        expected.put("keepalive.idle_timeout", Defaults.POOL_IDLE_TIMEOUT);
        expected.put("max_fails", Defaults.MAX_FAILS);
        expected.put("fail_timeout", Defaults.FAIL_TIMEOUT);
        expected.put("weight", server.weight());
        expected.put("backup", server.backup());
        expected.put("max_conns", server.maxConns());
        HealthCheckConfig check = HealthCheckConfig.http("/");
        HealthCheckConfig.StatusRange statuses = check.expectStatus().get(0);
        expected.put("health_check.type", check.type().configName());
        expected.put("health_check.method", check.method());
        expected.put("health_check.expect_status", statuses.from() + "-" + statuses.to());
        expected.put("health_check.interval", Defaults.CHECK_INTERVAL);
        expected.put("health_check.jitter", Defaults.CHECK_JITTER);
        expected.put("health_check.timeout", Defaults.CHECK_TIMEOUT);
        expected.put("health_check.rise", Defaults.CHECK_RISE);
        expected.put("health_check.fall", Defaults.CHECK_FALL);
        expected.put("health_check.initial_state", check.initiallyUp() ? "up" : "down");
        OutlierConfig outlier = OutlierConfig.defaults();
        expected.put("outlier_detection.consecutive_5xx", outlier.consecutive5xx());
        expected.put("outlier_detection.consecutive_gateway_failures", outlier.consecutiveGatewayFailures());
        expected.put("outlier_detection.base_ejection_time", outlier.baseEjectionTime());
        expected.put("outlier_detection.max_ejection_time", outlier.maxEjectionTime());
        expected.put("outlier_detection.max_ejection_percent", outlier.maxEjectionPercent());
        HealthConfig health = HealthConfig.defaults();
        expected.put("panic", health.panic().mode().configName());
        expected.put("panic.mode", health.panic().mode().configName());
        expected.put("panic.retry_after", health.panic().retryAfter());
        expected.put("slow_start", health.slowStart());
        expected.put("drain_timeout", health.drainTimeout());
        RunConfig run = RunConfig.of(List.of("./app"));
        expected.put("run.port_env", run.portEnv());
        expected.put("run.replicas", run.replicas());
        expected.put("run.restart", run.restart().configName());
        expected.put("run.restart.policy", run.restart().configName());
        expected.put("run.restart.backoff", run.restart().initialBackoff());
        expected.put("run.restart.max_backoff", run.restart().maxBackoff());
        expected.put("run.restart.max_restarts", run.restart().maxRestarts());
        expected.put("run.restart.window", run.restart().window());
        expected.put("run.stop_grace_period", run.stopGrace());
        expected.put("run.ready_timeout", run.readyTimeout());
        AutoscaleConfig autoscale = AutoscaleConfig.of(Defaults.AUTOSCALE_MIN, 10, List.of(), List.of());
        expected.put("autoscale.min", autoscale.min());
        expected.put("autoscale.tolerance", autoscale.tolerance());
        expected.put("autoscale.interval", autoscale.interval());
        expected.put("autoscale.initialization_period", autoscale.initializationPeriod());
        expected.put("autoscale.alert_scaling_events_per_hour", autoscale.alertScalingEventsPerHour());
        expected.put("autoscale.price_per_replica_hour", autoscale.pricePerReplicaHour());
        expected.put("autoscale.predictive.mode", autoscale.predictive().mode());
        expected.put("autoscale.behavior.scale_up.stabilization_window", autoscale.scaleUp().stabilizationWindow());
        expected.put("autoscale.behavior.scale_up.select_policy", autoscale.scaleUp().select());
        expected.put("autoscale.behavior.scale_down.stabilization_window", autoscale.scaleDown().stabilizationWindow());
        expected.put("autoscale.behavior.scale_down.select_policy", autoscale.scaleDown().select());

        expected.forEach((key, value) -> {
            assertThat(rows).as("a table row for %s", key).containsKey(key);
            for (String cell : rows.get(key)) {
                assertThat(read(cell, value)).as("default of %s in '%s'", key, cell).isEqualTo(value);
            }
        });
    }

    @Test
    void documentedCipherSuitesAreTheDefaultOnes() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        String listed = doc.substring(doc.indexOf("Default cipher suites"), doc.indexOf("BoringSSL has no DHE suites"));

        List<String> documented = new ArrayList<>();
        Matcher names = FIRST_CODE.matcher(listed);
        while (names.find()) {
            documented.add(names.group(1));
        }
        assertThat(documented).isEqualTo(Defaults.TLS_CIPHERS);
    }

    @Test
    void documentedRetryConditionsAreTheDefaultOnes() throws IOException {
        String cell = rows(Files.readString(Path.of("..", "docs", "configuration.md"))).get("retry.on").get(0);

        List<RetryPolicy.RetryOn> documented = new ArrayList<>();
        for (String name : cell.replaceAll("[`\\[\\] ]", "").split(",")) {
            documented.add(Values.retryOn(name));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(Defaults.RETRY_ON);
    }

    /** The default policies are shown as the YAML that writes them; written under behavior, it must bind to them. */
    @Test
    void documentedScalingPoliciesAreKubernetesDefaults() throws IOException, ConfigException {
        Map<String, List<String>> rows = rows(Files.readString(Path.of("..", "docs", "configuration.md")));
        Map<String, AutoscaleConfig.Direction> directions = Map.of(
                "scale_up", AutoscaleConfig.Direction.scaleUpDefaults(),
                "scale_down", AutoscaleConfig.Direction.scaleDownDefaults());

        directions.forEach((direction, defaults) -> {
            String key = "autoscale.behavior." + direction + ".policies";
            assertThat(rows).as("a table row for %s", key).containsKey(key);
            Matcher m = FIRST_CODE.matcher(rows.get(key).get(0));
            assertThat(m.find()).as("a `value` for %s", key).isTrue();
            String yaml = "listeners: [{address: ':8080'}]\nservices:\n  web:\n    run: {command: ./app}\n"
                    + "    autoscale:\n      max: 10\n      targets: {cpu: 70}\n"
                    + "      behavior: {" + direction + ": {policies: " + m.group(1) + "}}\n";
            try {
                AutoscaleConfig bound = YamlConfigLoader.parse(yaml, "doc").services().get("web").autoscale();
                assertThat(direction.equals("scale_up") ? bound.scaleUp() : bound.scaleDown()).isEqualTo(defaults);
            } catch (ConfigException e) {
                throw new AssertionError(key + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * The page shows the readiness check a {@code run} service gets without {@code health_check} as the one
     * {@code health_check} line that would say the same; written under a service, it must bind to that check.
     */
    @Test
    void documentedReadinessCheckIsTheDefaultOne() throws IOException, ConfigException {
        Matcher m = READINESS_LINE.matcher(Files.readString(Path.of("..", "docs", "configuration.md")));
        assertThat(m.find()).as("a line '    health_check: {type: tcp, ...}' in the page").isTrue();
        String line = m.group();
        assertThat(m.find()).as("only one such line").isFalse();

        ShoalConfig written = YamlConfigLoader.parse(
                "listeners: [{address: ':8080'}]\nservices:\n  web:\n    run: {command: ./app}\n" + line + "\n", "doc");
        ShoalConfig left = YamlConfigLoader.parse(
                "listeners: [{address: ':8080'}]\nservices:\n  web:\n    run: {command: ./app}\n", "doc");

        assertThat(written.services().get("web").health().check())
                .isEqualTo(left.services().get("web").health().check())
                .isEqualTo(HealthCheckConfig.readiness());
    }

    /** Default cells by key; a key may have rows in several tables. */
    private static Map<String, List<String>> rows(String doc) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            rows.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2).trim());
        }
        return rows;
    }

    private static Object read(String cell, Object like) {
        Matcher m = FIRST_CODE.matcher(cell);
        assertThat(m.find()).as("a `value` in '%s'", cell).isTrue();
        String text = m.group(1);
        if (like instanceof Duration) {
            return Values.duration(text);
        }
        if (like instanceof Size) {
            return Size.of(Values.size(text));
        }
        if (like instanceof Integer) {
            return Values.integer(text);
        }
        if (like instanceof Double) {
            return Values.fraction(text);
        }
        if (like instanceof Boolean) {
            return Values.bool(text);
        }
        return text;
    }

    /** Sizes are ints too; this tells the reader to accept {@code 8k}. */
    private record Size(int bytes) {
        static Size of(int bytes) {
            return new Size(bytes);
        }
    }
}
