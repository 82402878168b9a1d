package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.HealthCheckConfig.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding of a service's {@code run} block: every key, the short forms, the defaults and the default readiness check. */
class YamlRunConfigTest {

    @Test
    void everyKeyBindsInTheLongForms() throws ConfigException {
        ServiceConfig web = service("""
                    run:
                      command: ["java", "-jar", "examples/demo-app/target/demo-app.jar", "--port", "{port}"]
                      env: {GREETING: hello, EMPTY: ''}
                      working_dir: .
                      port_env: HTTP_PORT
                      replicas: 2
                      restart: {policy: on-failure, backoff: 1s, max_backoff: 1m, max_restarts: 10, window: 5m}
                      stop_grace_period: 20s
                      ready_timeout: 90s
                    health_check: {path: /health}
                """);

        assertThat(web.run()).isEqualTo(new RunConfig(
                List.of("java", "-jar", "examples/demo-app/target/demo-app.jar", "--port", "{port}"),
                Map.of("GREETING", "hello", "EMPTY", ""), ".", "HTTP_PORT", 2,
                new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, Duration.ofSeconds(1), Duration.ofMinutes(1), 10,
                        Duration.ofMinutes(5)),
                Duration.ofSeconds(20), Duration.ofSeconds(90)));
        assertThat(web.servers()).isEmpty();
        assertThat(web.health().check()).isEqualTo(HealthCheckConfig.http("/health"));
    }

    @Test
    void shortForms() throws ConfigException {
        RunConfig run = service("""
                    run:
                      command: java  -jar app.jar --max-concurrency 2
                      env:
                        - NODE_ENV=production
                        - JAVA_OPTS=-Dx=1 -Dy=2
                        - EMPTY=
                      restart: never
                """).run();
        RunConfig blank = service("""
                    run:
                      command: x
                      env:
                        BLANK:
                        QUOTED: ""
                """).run();

        assertThat(run.command()).containsExactly("java", "-jar", "app.jar", "--max-concurrency", "2");
        assertThat(run.env()).isEqualTo(Map.of("NODE_ENV", "production", "JAVA_OPTS", "-Dx=1 -Dy=2", "EMPTY", ""));
        assertThat(blank.env()).isEqualTo(Map.of("BLANK", "", "QUOTED", ""));
        RestartPolicy d = RestartPolicy.defaults();
        assertThat(run.restart()).isEqualTo(new RestartPolicy(RestartPolicy.Mode.NEVER, d.initialBackoff(),
                d.maxBackoff(), d.maxRestarts(), d.window()));
        assertThat(service("    run: {command: x, restart: on-failure}\n").run().restart().mode())
                .isEqualTo(RestartPolicy.Mode.ON_FAILURE);
        assertThat(service("    run: {command: x, restart: always}\n").run().restart()).isEqualTo(RestartPolicy.defaults());
    }

    @Test
    void defaults() throws ConfigException {
        RunConfig run = service("    run:\n      command: [./app]\n").run();

        assertThat(run).isEqualTo(RunConfig.of(List.of("./app")));
        assertThat(run.env()).isEmpty();
        assertThat(run.workingDir()).isNull();
        assertThat(run.portEnv()).isEqualTo("PORT").isEqualTo(Defaults.PORT_ENV);
        assertThat(run.replicas()).isEqualTo(1).isEqualTo(Defaults.REPLICAS);
        assertThat(run.restart()).isEqualTo(new RestartPolicy(RestartPolicy.Mode.ALWAYS, Duration.ofMillis(500),
                Duration.ofSeconds(30), 5, Duration.ofMinutes(1)));
        assertThat(run.stopGrace()).isEqualTo(Defaults.STOP_GRACE);
        assertThat(run.readyTimeout()).isEqualTo(Defaults.READY_TIMEOUT);
    }

    @Test
    void restartLongFormWithoutPolicyIsAlwaysAndMaxBackoffFollowsALongerBackoff() throws ConfigException {
        RestartPolicy restart = service("    run: {command: x, restart: {backoff: 2m}}\n").run().restart();

        assertThat(restart.mode()).isEqualTo(RestartPolicy.Mode.ALWAYS);
        assertThat(restart.initialBackoff()).isEqualTo(Duration.ofMinutes(2));
        assertThat(restart.maxBackoff()).isEqualTo(Duration.ofMinutes(2));
        assertThat(service("    run: {command: x, restart: {backoff: 1s}}\n").run().restart().maxBackoff())
                .isEqualTo(Defaults.RESTART_MAX_BACKOFF);
    }

    @Test
    void zeroReplicasIsAllowed() throws ConfigException {
        assertThat(service("    run: {command: x, replicas: 0}\n").run().replicas()).isZero();
        assertThat(service("    run: {command: x, replicas: 1000}\n").run().replicas()).isEqualTo(1000);
    }

    @Test
    void withoutHealthCheckARunServiceWaitsForReplicasToAcceptConnections() throws ConfigException {
        HealthConfig health = service("    run: {command: x}\n").health();

        assertThat(health.check()).isEqualTo(HealthCheckConfig.readiness());
        HealthCheckConfig check = health.check();
        assertThat(check.type()).isEqualTo(Type.TCP);
        assertThat(check.interval()).isEqualTo(Duration.ofMillis(500)).isEqualTo(Defaults.READY_CHECK_INTERVAL);
        assertThat(check.fastInterval()).isEqualTo(Duration.ofMillis(250)).isEqualTo(Defaults.READY_CHECK_FAST_INTERVAL);
        assertThat(check.timeout()).isEqualTo(Duration.ofMillis(500)).isEqualTo(Defaults.READY_CHECK_TIMEOUT);
        assertThat(check.rise()).isEqualTo(1).isEqualTo(Defaults.READY_CHECK_RISE);
        assertThat(check.fall()).isEqualTo(2).isEqualTo(Defaults.READY_CHECK_FALL);
        assertThat(check.initiallyUp()).isFalse();
        assertThat(check.send()).isNull();
        assertThat(check.path()).isNull();
        assertThat(check.expectStatus()).isEmpty();
        HealthConfig d = HealthConfig.defaults();
        assertThat(health).isEqualTo(new HealthConfig(check, d.outlier(), d.panic(), d.slowStart(), d.drainTimeout()));
    }

    @Test
    void theDefaultReadinessCheckKeepsTheServicesOtherHealthSettings() throws ConfigException {
        HealthConfig health = service("    run: {command: x}\n    outlier_detection: true\n    slow_start: 10s\n").health();

        assertThat(health.check()).isEqualTo(HealthCheckConfig.readiness());
        assertThat(health.outlier()).isEqualTo(OutlierConfig.defaults());
        assertThat(health.slowStart()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aWrittenHealthCheckReplacesTheReadinessCheck() throws ConfigException {
        assertThat(service("    run: {command: x}\n    health_check: {type: tcp}\n").health().check())
                .isEqualTo(HealthCheckConfig.tcp());
        assertThat(service("    run: {command: x}\n    health_check: {type: tcp, initial_state: up}\n").health().check()
                .initiallyUp()).isTrue();
    }

    @Test
    void staticServicesKeepNoCheckByDefault() throws ConfigException {
        ServiceConfig web = service("    servers: [127.0.0.1:9001]\n");

        assertThat(web.run()).isNull();
        assertThat(web.health().check()).isNull();
    }

    @Test
    void aRunServiceBesideAStaticOne() throws ConfigException {
        ShoalConfig config = YamlConfigLoader.parse("""
                listeners:
                  - address: ":8080"
                    routes: [{path: /static/, service: static}, {service: web}]
                services:
                  web:
                    run:
                      command: ["java", "-jar", "examples/demo-app/target/demo-app.jar", "--max-concurrency", "2"]
                      env: {GREETING: hello}
                      working_dir: .
                      port_env: PORT
                      replicas: 2
                      restart: {policy: always, backoff: 500ms, max_backoff: 30s, max_restarts: 5, window: 1m}
                      stop_grace_period: 10s
                      ready_timeout: 60s
                    health_check: {path: /health}
                  static:
                    servers: [127.0.0.1:9001]
                """, "shoal.yaml");

        assertThat(config.services().get("web").run()).isEqualTo(new RunConfig(
                List.of("java", "-jar", "examples/demo-app/target/demo-app.jar", "--max-concurrency", "2"),
                Map.of("GREETING", "hello"), ".", "PORT", 2, RestartPolicy.defaults(), Defaults.STOP_GRACE,
                Defaults.READY_TIMEOUT));
        assertThat(config.services().get("web").servers()).isEmpty();
        assertThat(config.services().get("static").run()).isNull();
        assertThat(config.services().get("static").servers()).hasSize(1);
    }

    @Test
    void theDocsReproduceComposeReplicas() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "configuration.md"));
        List<ServiceConfig> runServices = new java.util.ArrayList<>();
        for (int start = doc.indexOf("```yaml\n"); start >= 0; start = doc.indexOf("```yaml\n", start)) {
            start += "```yaml\n".length();
            YamlConfigLoader.parse(doc.substring(start, doc.indexOf("```", start)), "configuration.md").services().values()
                    .stream().filter(s -> s.run() != null).forEach(runServices::add);
        }
        ServiceConfig web = runServices.stream().filter(s -> s.run().replicas() == 3).findFirst().orElseThrow();

        assertThat(web.run().command()).containsExactly("node", "server.js");
        assertThat(web.run().env()).isEqualTo(Map.of("NODE_ENV", "production"));
        assertThat(web.run().workingDir()).isEqualTo("./web");
        assertThat(web.balance().algorithm()).isEqualTo(BalanceConfig.Algorithm.LEAST_CONN);
        assertThat(web.health().check()).isEqualTo(HealthCheckConfig.http("/health"));
        assertThat(web.servers()).isEmpty();
    }

    /** Service {@code web} of a file with one listener, the given lines making up its body. */
    static ServiceConfig service(String serviceLines) throws ConfigException {
        String yaml = "listeners: [{address: ':8080'}]\nservices:\n  web:\n" + serviceLines;
        return YamlConfigLoader.parse(yaml, "shoal.yaml").services().get("web");
    }
}
