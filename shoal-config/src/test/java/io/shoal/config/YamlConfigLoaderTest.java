package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.BalanceConfig.HashKey;
import io.shoal.config.RetryPolicy.RetryOn;
import io.shoal.config.RouteConfig.WeightedService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigLoaderTest {
    static final String FULL = """
            proxy:
              threads: 2
              client_header_timeout: 5s
              client_body_timeout: 30s
              client_body_buffer_size: 16k
              idle_timeout: 2m
              max_request_line: 4k
              max_header_size: 1m
              max_connections: 500
              trusted_proxies: [127.0.0.1, 10.0.0.0/8, "::1", "fd00::/8"]
            tuning:
              busy_poll: 20us
              compiler_nice: 10
              gc_at_start: true
            access_log: {path: /var/log/shoal/access.log, format: json}
            listeners:
              - address: 127.0.0.1:8080
                routes:
                  - host: API.example.com
                    path: /api/
                    headers: {X-Canary: "1"}
                    strip_prefix: true
                    service: api
                  - split:
                      - {service: web, weight: 90}
                      - {service: web-canary, weight: 10}
              - address: "[::1]:8443"
                routes:
                  - service: web
            services:
              web:
                balance: hash
                hash_key: header:X-User
                sticky: {cookie: WEB_SERVER}
                connect_timeout: 500ms
                response_timeout: 30s
                retry: {tries: 2, deadline: 10s, on: [error, http_503]}
                queue: {size: 10, timeout: 1s}
                keepalive: {max_idle: 8, idle_timeout: 1h}
                max_fails: 2
                fail_timeout: 20s
                servers:
                  - 127.0.0.1:9001
                  - address: 127.0.0.1:9002
                    weight: 3
                    backup: true
                    max_conns: 100
                    max_fails: 3
                    fail_timeout: 30s
              web-canary:
                balance: weighted
                sticky: true
                servers: [localhost:9003]
              api:
                balance: least_conn
                servers: ["[::1]:9004"]
            """;

    @TempDir
    Path dir;

    @Test
    void aFileThatCannotBeReadIsNamedInASentence() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> YamlConfigLoader.load(missing)).isInstanceOf(IOException.class)
                .hasMessage("cannot read " + missing + ": no such file");
        Path folder = Files.createDirectory(dir.resolve("conf.d"));
        assertThatThrownBy(() -> YamlConfigLoader.load(folder)).isInstanceOf(IOException.class)
                .hasMessage("cannot read " + folder + ": is a directory");
    }

    @Test
    void fullConfigurationBindsToRecords() throws Exception {
        ShoalConfig config = YamlConfigLoader.load(write("shoal.yaml", FULL));

        assertThat(config.source()).isEqualTo(dir.resolve("shoal.yaml").toString());
        assertThat(config.proxy()).isEqualTo(new ProxySettings(2, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(2), 4096, 1 << 20, 16 * 1024, 500, List.of("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8")));
        assertThat(config.tuning()).isEqualTo(new TuningConfig(Duration.ofNanos(20_000), 10, true));
        assertThat(config.accessLog()).isEqualTo(new AccessLogConfig("/var/log/shoal/access.log", AccessLogConfig.Format.JSON));
        assertThat(config.listeners()).containsExactly(
                new ListenerConfig(new HostPort("127.0.0.1", 8080), List.of(
                        new RouteConfig("api.example.com", "/api/", Map.of("X-Canary", "1"), true,
                                List.of(new WeightedService("api", 1))),
                        new RouteConfig(null, "/", Map.of(), false,
                                List.of(new WeightedService("web", 90), new WeightedService("web-canary", 10))))),
                new ListenerConfig(new HostPort("::1", 8443), List.of(RouteConfig.catchAll("web"))));
        assertThat(config.services()).containsOnlyKeys("web", "web-canary", "api");
        assertThat(List.copyOf(config.services().keySet())).containsExactly("web", "web-canary", "api");
    }

    @Test
    void serviceWithEverySettingBinds() throws Exception {
        ServiceConfig web = YamlConfigLoader.load(write("shoal.yaml", FULL)).services().get("web");

        assertThat(web).isEqualTo(new ServiceConfig("web",
                List.of(new ServerConfig(new HostPort("127.0.0.1", 9001), 1, false, 0, 2, Duration.ofSeconds(20)),
                        new ServerConfig(new HostPort("127.0.0.1", 9002), 3, true, 100, 3, Duration.ofSeconds(30))),
                new BalanceConfig(Algorithm.HASH, new HashKey(HashKey.Source.HEADER, "X-User")),
                new StickyConfig("WEB_SERVER"),
                new UpstreamTimeouts(Duration.ofMillis(500), Duration.ofSeconds(30)),
                new RetryPolicy(2, Duration.ofSeconds(10), Set.of(RetryOn.ERROR, RetryOn.HTTP_503)),
                new QueueConfig(10, Duration.ofSeconds(1)),
                new PoolConfig(8, Duration.ofHours(1)),
                HealthConfig.defaults(), null, null, null, ServiceConfig.Protocol.HTTP_1_1));
    }

    @Test
    void weightedIsRoundRobinAndStickyTrueUsesTheDefaultCookie() throws Exception {
        ShoalConfig config = YamlConfigLoader.load(write("shoal.yaml", FULL));

        ServiceConfig canary = config.services().get("web-canary");
        assertThat(canary.balance()).isEqualTo(BalanceConfig.of(Algorithm.ROUND_ROBIN));
        assertThat(canary.sticky()).isEqualTo(new StickyConfig(Defaults.STICKY_COOKIE));
        assertThat(canary.servers()).containsExactly(ServerConfig.of(new HostPort("localhost", 9003)));
        assertThat(config.services().get("api").servers()).containsExactly(ServerConfig.of(new HostPort("::1", 9004)));
    }

    @Test
    void minimalConfigurationTakesEveryDefault() throws Exception {
        ShoalConfig config = YamlConfigLoader.parse("""
                listeners:
                  - address: :8080
                services:
                  app:
                    servers: [127.0.0.1:9001]
                """, "min.yaml");

        assertThat(config.proxy()).isEqualTo(new ProxySettings(0, Defaults.CLIENT_HEADER_TIMEOUT,
                Defaults.CLIENT_BODY_TIMEOUT, Defaults.IDLE_TIMEOUT, Defaults.MAX_REQUEST_LINE_BYTES,
                Defaults.MAX_HEADER_BYTES, Defaults.CLIENT_BODY_BUFFER_BYTES, Defaults.MAX_CONNECTIONS, List.of()));
        assertThat(config.tuning()).isEqualTo(new TuningConfig(Duration.ZERO, 0, false));
        assertThat(config.accessLog().enabled()).isFalse();
        assertThat(config.listeners()).containsExactly(
                new ListenerConfig(new HostPort("0.0.0.0", 8080), List.of(RouteConfig.catchAll("app"))));
        ServiceConfig app = config.services().get("app");
        assertThat(app.balance()).isEqualTo(BalanceConfig.of(Algorithm.ROUND_ROBIN));
        assertThat(app.sticky()).isNull();
        assertThat(app.timeouts()).isEqualTo(new UpstreamTimeouts(Defaults.CONNECT_TIMEOUT, Defaults.RESPONSE_TIMEOUT));
        assertThat(app.retry()).isEqualTo(new RetryPolicy(Defaults.RETRY_TRIES, Defaults.RETRY_DEADLINE, Defaults.RETRY_ON));
        assertThat(app.queue()).isEqualTo(new QueueConfig(Defaults.QUEUE_SIZE, Defaults.QUEUE_TIMEOUT));
        assertThat(app.pool()).isEqualTo(new PoolConfig(Defaults.POOL_MAX_IDLE, Defaults.POOL_IDLE_TIMEOUT));
        assertThat(app.servers()).containsExactly(new ServerConfig(new HostPort("127.0.0.1", 9001), 1, false, 0,
                Defaults.MAX_FAILS, Defaults.FAIL_TIMEOUT));
    }

    @Test
    void emptySectionsMeanDefaultsAndAccessLogToStandardOutput() throws Exception {
        ShoalConfig config = YamlConfigLoader.parse("""
                proxy:
                access_log: {path: "-"}
                listeners: [{address: "127.0.0.1:0"}]
                services: {app: {servers: [127.0.0.1:9001], retry: {on: []}}}
                """, "t.yaml");

        assertThat(config.proxy()).isEqualTo(ProxySettings.defaults());
        assertThat(config.accessLog()).isEqualTo(new AccessLogConfig("-", AccessLogConfig.Format.COMBINED));
        assertThat(config.listeners().get(0).address()).isEqualTo(new HostPort("127.0.0.1", 0));
        assertThat(config.services().get("app").retry().on()).isEmpty();
    }

    @Test
    void everyYamlSampleInTheDocsIsValid() throws IOException, ConfigException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        int samples = 0;
        for (int start = doc.indexOf("```yaml\n"); start >= 0; start = doc.indexOf("```yaml\n", start)) {
            start += "```yaml\n".length();
            String sample = doc.substring(start, doc.indexOf("```", start));
            ShoalConfig config = YamlConfigLoader.parse(sample, "configuration.md sample " + ++samples);
            assertThat(config.services()).as("sample %s", samples).isNotEmpty();
        }
        assertThat(samples).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theDocsReproduceHaproxyAndNginxPlusChecks() throws IOException, ConfigException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<ShoalConfig> samples = new java.util.ArrayList<>();
        for (int start = doc.indexOf("```yaml\n"); start >= 0; start = doc.indexOf("```yaml\n", start)) {
            start += "```yaml\n".length();
            samples.add(YamlConfigLoader.parse(doc.substring(start, doc.indexOf("```", start)), "configuration.md"));
        }
        HealthCheckConfig haproxy = samples.stream().filter(c -> c.services().containsKey("http_back")).findFirst()
                .orElseThrow().services().get("http_back").health().check();
        assertThat(haproxy.path()).isEqualTo("/health");
        assertThat(haproxy.expectStatus()).containsExactly(new HealthCheckConfig.StatusRange(200, 200));
        assertThat(List.of(haproxy.interval(), haproxy.rise(), haproxy.fall())).containsExactly(Duration.ofSeconds(2), 2, 3);

        HealthCheckConfig nginx = samples.stream().filter(c -> c.services().containsKey("app_servers")).findFirst()
                .orElseThrow().services().get("app_servers").health().check();
        assertThat(nginx.bodyContains()).isEqualTo("\"status\":\"healthy\"");
        assertThat(nginx.expectStatus()).containsExactly(new HealthCheckConfig.StatusRange(200, 200));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
