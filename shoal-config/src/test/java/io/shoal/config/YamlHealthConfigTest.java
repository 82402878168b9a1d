package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.HealthCheckConfig.StatusRange;
import io.shoal.config.HealthCheckConfig.Type;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding of a service's health keys: every key, the short forms, and the defaults. */
class YamlHealthConfigTest {

    @Test
    void everyHttpCheckKeyBinds() throws ConfigException {
        HealthConfig health = health("""
                    health_check:
                      type: http
                      method: HEAD
                      path: /health?full=1
                      host: api.internal
                      expect_status: [200, "200-299", 304]
                      body_contains: '"status":"healthy"'
                      body_regex: 'status.*ok'
                      interval: 5s
                      fast_interval: 500ms
                      jitter: 20%
                      timeout: 2s
                      rise: 4
                      fall: 6
                      initial_state: up
                    outlier_detection:
                      consecutive_5xx: 7
                      consecutive_gateway_failures: 0
                      base_ejection_time: 10s
                      max_ejection_time: 1m
                      max_ejection_percent: 50
                    panic: {mode: fail, retry_after: 10s}
                    slow_start: 30s
                    drain_timeout: 2m
                """);

        assertThat(health).isEqualTo(new HealthConfig(
                new HealthCheckConfig(Type.HTTP, "HEAD", "/health?full=1", "api.internal",
                        List.of(new StatusRange(200, 200), new StatusRange(200, 299), new StatusRange(304, 304)),
                        "\"status\":\"healthy\"", "status.*ok", null, null,
                        Duration.ofSeconds(5), Duration.ofMillis(500), 0.2, Duration.ofSeconds(2), 4, 6, true, null),
                new OutlierConfig(7, 0, Duration.ofSeconds(10), Duration.ofMinutes(1), 50),
                new PanicConfig(PanicConfig.Mode.FAIL, Duration.ofSeconds(10)),
                Duration.ofSeconds(30), Duration.ofMinutes(2)));
    }

    @Test
    void tcpCheckWithSendAndExpect() throws ConfigException {
        HealthCheckConfig check = health("""
                    health_check:
                      type: tcp
                      send: "PING\\r\\n"
                      expect: PONG
                      jitter: 0.05
                      initial_state: down
                """).check();

        assertThat(check).isEqualTo(new HealthCheckConfig(Type.TCP, null, null, null, List.of(), null, null,
                "PING\r\n", "PONG", Defaults.CHECK_INTERVAL, Defaults.CHECK_INTERVAL, 0.05, Defaults.CHECK_TIMEOUT,
                Defaults.CHECK_RISE, Defaults.CHECK_FALL, false, null));
    }

    @Test
    void tcpConnectOnlyIsTheTcpFactory() throws ConfigException {
        assertThat(health("    health_check: {type: tcp}\n").check()).isEqualTo(HealthCheckConfig.tcp());
    }

    @Test
    void httpCheckDefaultsAreTheHttpFactory() throws ConfigException {
        HealthCheckConfig check = health("    health_check: {path: /health}\n").check();

        assertThat(check).isEqualTo(HealthCheckConfig.http("/health"));
        assertThat(check.method()).isEqualTo("GET");
        assertThat(check.expectStatus()).containsExactly(new StatusRange(200, 399));
        assertThat(check.jitter()).isEqualTo(Defaults.CHECK_JITTER);
        assertThat(check.initiallyUp()).isFalse();
    }

    @Test
    void fastIntervalDefaultsToInterval() throws ConfigException {
        HealthCheckConfig check = health("    health_check: {path: /health, interval: 7s}\n").check();

        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(check.fastInterval()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void oneStatusWithoutAList() throws ConfigException {
        assertThat(health("    health_check: {path: /, expect_status: 204}\n").check().expectStatus())
                .containsExactly(new StatusRange(204, 204));
        assertThat(health("    health_check: {path: /, expect_status: 200-299}\n").check().expectStatus())
                .containsExactly(new StatusRange(200, 299));
    }

    @Test
    void percentAndFractionJitterAreTheSame() throws ConfigException {
        assertThat(health("    health_check: {path: /, jitter: 10%}\n").check().jitter())
                .isEqualTo(health("    health_check: {path: /, jitter: 0.1}\n").check().jitter())
                .isEqualTo(Defaults.CHECK_JITTER);
        assertThat(health("    health_check: {path: /, jitter: 0%}\n").check().jitter()).isZero();
    }

    @Test
    void withoutHealthKeysTheDefaults() throws ConfigException {
        HealthConfig health = health("");

        assertThat(health).isEqualTo(HealthConfig.defaults());
        assertThat(health.check()).isNull();
        assertThat(health.outlier()).isNull();
        assertThat(health.panic()).isEqualTo(new PanicConfig(PanicConfig.Mode.FAIL, Defaults.PANIC_RETRY_AFTER));
        assertThat(health.slowStart()).isZero();
        assertThat(health.drainTimeout()).isEqualTo(Defaults.DRAIN_TIMEOUT);
    }

    @Test
    void outlierDetectionShortForms() throws ConfigException {
        assertThat(health("    outlier_detection: true\n").outlier()).isEqualTo(OutlierConfig.defaults());
        assertThat(health("    outlier_detection: {}\n").outlier()).isEqualTo(OutlierConfig.defaults());
        assertThat(health("    outlier_detection: false\n").outlier()).isNull();
        assertThat(OutlierConfig.defaults()).isEqualTo(new OutlierConfig(5, 5, Duration.ofSeconds(30),
                Duration.ofSeconds(300), 10));
    }

    @Test
    void aLongBaseEjectionTimeRaisesTheDefaultMaximum() throws ConfigException {
        OutlierConfig outlier = health("    outlier_detection: {base_ejection_time: 10m}\n").outlier();

        assertThat(outlier.baseEjectionTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(outlier.maxEjectionTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(health("    outlier_detection: {base_ejection_time: 1m}\n").outlier().maxEjectionTime())
                .isEqualTo(Defaults.OUTLIER_MAX_EJECTION);
    }

    @Test
    void panicShortAndLongForms() throws ConfigException {
        assertThat(health("    panic: spread\n").panic()).isEqualTo(new PanicConfig(PanicConfig.Mode.SPREAD, Defaults.PANIC_RETRY_AFTER));
        assertThat(health("    panic: fail\n").panic()).isEqualTo(PanicConfig.defaults());
        assertThat(health("    panic: {mode: spread}\n").panic().mode()).isEqualTo(PanicConfig.Mode.SPREAD);
        assertThat(health("    panic: {retry_after: 30s}\n").panic())
                .isEqualTo(new PanicConfig(PanicConfig.Mode.FAIL, Duration.ofSeconds(30)));
    }

    @Test
    void slowStartZeroIsOff() throws ConfigException {
        assertThat(health("    slow_start: 0s\n").slowStart()).isZero();
        assertThat(health("    slow_start: 1m\n").slowStart()).isEqualTo(Duration.ofMinutes(1));
    }

    /** Binds one service {@code web} whose body is {@code servers} plus the given lines (indented four spaces). */
    static HealthConfig health(String serviceLines) throws ConfigException {
        String yaml = "listeners: [{address: ':8080'}]\nservices:\n  web:\n    servers: [127.0.0.1:9001]\n" + serviceLines;
        return YamlConfigLoader.parse(yaml, "shoal.yaml").services().get("web").health();
    }
}
