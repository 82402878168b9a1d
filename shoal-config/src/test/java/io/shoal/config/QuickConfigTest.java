package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.BalanceConfig.HashKey;
import io.shoal.config.ConfigException.ConfigProblem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickConfigTest {

    @Test
    void oneListenerOneServiceOneCatchAllRoute() throws ConfigException {
        ShoalConfig config = QuickConfig.builder()
                .listen("127.0.0.1:8080")
                .backend("127.0.0.1:9001")
                .backend("127.0.0.1:9002,weight=3,backup,max_conns=10")
                .build();

        assertThat(config.source()).isEqualTo("command line");
        assertThat(config.listeners()).containsExactly(
                new ListenerConfig(new HostPort("127.0.0.1", 8080), List.of(RouteConfig.catchAll("default"))));
        assertThat(config.services()).containsOnlyKeys("default");
        assertThat(config.services().get("default").servers()).containsExactly(
                ServerConfig.of(new HostPort("127.0.0.1", 9001)),
                new ServerConfig(new HostPort("127.0.0.1", 9002), 3, true, 10, Defaults.MAX_FAILS, Defaults.FAIL_TIMEOUT));
    }

    @Test
    void defaultsComeFromDefaults() throws ConfigException {
        ShoalConfig config = QuickConfig.builder().listen(":8080").backend("localhost:9001").build();

        ServiceConfig service = config.services().get("default");
        assertThat(config.listeners().get(0).address()).isEqualTo(new HostPort("0.0.0.0", 8080));
        assertThat(config.proxy()).isEqualTo(ProxySettings.defaults());
        assertThat(config.tuning()).isEqualTo(new TuningConfig(Duration.ZERO, 0, false));
        assertThat(config.accessLog()).isEqualTo(AccessLogConfig.off());
        assertThat(service.balance()).isEqualTo(BalanceConfig.of(Algorithm.ROUND_ROBIN));
        assertThat(service.sticky()).isNull();
        assertThat(service.timeouts()).isEqualTo(new UpstreamTimeouts(Defaults.CONNECT_TIMEOUT, Defaults.RESPONSE_TIMEOUT));
        assertThat(service.retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(service.queue()).isEqualTo(QueueConfig.defaults());
        assertThat(service.pool()).isEqualTo(PoolConfig.defaults());
        assertThat(service.health()).isEqualTo(HealthConfig.defaults());
    }

    @Test
    void everyOption() throws ConfigException {
        ShoalConfig config = QuickConfig.builder()
                .listen("[::1]:0")
                .backends(List.of("[::1]:9001,max_fails=0,fail_timeout=1m"))
                .balance("least_conn")
                .connectTimeout("2s")
                .responseTimeout("3s")
                .threads("1")
                .busyPoll("20us")
                .compilerNice("5")
                .gcAtStart(true)
                .accessLog("-")
                .accessLogFormat("json")
                .sticky()
                .build();

        ServiceConfig service = config.services().get("default");
        assertThat(config.listeners().get(0).address()).isEqualTo(new HostPort("::1", 0));
        assertThat(service.servers()).containsExactly(
                new ServerConfig(new HostPort("::1", 9001), 1, false, 0, 0, Duration.ofMinutes(1)));
        assertThat(service.balance()).isEqualTo(BalanceConfig.of(Algorithm.LEAST_CONN));
        assertThat(service.timeouts()).isEqualTo(new UpstreamTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)));
        assertThat(config.proxy().threads()).isEqualTo(1);
        assertThat(config.tuning()).isEqualTo(new TuningConfig(Duration.ofNanos(20_000), 5, true));
        assertThat(config.accessLog()).isEqualTo(new AccessLogConfig("-", AccessLogConfig.Format.JSON));
        assertThat(service.sticky()).isEqualTo(new StickyConfig(Defaults.STICKY_COOKIE));
    }

    @Test
    void hashBalanceCarriesItsKey() throws ConfigException {
        assertThat(balance("hash:uri")).isEqualTo(new BalanceConfig(Algorithm.HASH, new HashKey(HashKey.Source.URI, null)));
        assertThat(balance("hash:header:X-User"))
                .isEqualTo(new BalanceConfig(Algorithm.HASH, new HashKey(HashKey.Source.HEADER, "X-User")));
        assertThat(balance("hash:cookie:sid")).isEqualTo(new BalanceConfig(Algorithm.HASH, new HashKey(HashKey.Source.COOKIE, "sid")));
        assertThat(balance("weighted")).isEqualTo(BalanceConfig.of(Algorithm.ROUND_ROBIN));
    }

    @Test
    void stickyWithName() throws ConfigException {
        ShoalConfig config = QuickConfig.builder().listen(":0").backend("127.0.0.1:1").sticky("SID").build();

        assertThat(config.services().get("default").sticky()).isEqualTo(new StickyConfig("SID"));
    }

    @Test
    void problemsNameTheOption() {
        List<ConfigProblem> problems = problems(QuickConfig.builder()
                .listen("127.0.0.1")
                .backend("127.0.0.1:9001,wieght=3")
                .backend("127.0.0.1:9002,weight=0")
                .backend("127.0.0.1:0")
                .balance("hash")
                .connectTimeout("2")
                .responseTimeout("0s")
                .threads("two")
                .busyPoll("5ms")
                .compilerNice("20")
                .accessLogFormat("xml"));

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "command line: --listen: missing port in '127.0.0.1', e.g. 127.0.0.1:9001",
                "command line: --backend: '127.0.0.1:9001,wieght=3': unknown attribute 'wieght'; valid: weight, backup,"
                        + " max_conns, max_fails, fail_timeout; did you mean weight?",
                "command line: --balance: hash needs a key: hash:uri, hash:header:NAME, hash:cookie:NAME or hash:query:NAME",
                "command line: --connect-timeout: '2' has no unit; write e.g. 2s (a whole number with ms, s, m or h, e.g. 500ms, 5s, 2m)",
                "command line: --threads: expected a whole number, got 'two'",
                "command line: --access-log-format: unknown access log format 'xml'; valid: combined, json",
                "command line: --access-log-format: needs --access-log (a file, or - for standard output)",
                "command line: --busy-poll: must be between 0us and 1ms, got 5ms",
                "command line: --compiler-nice: must be between 0 (leave the compiler alone) and 19, got 20",
                "command line: --backend: '127.0.0.1:9002,weight=0': weight must be between 1 and 1000, got 0",
                "command line: --backend: '127.0.0.1:0': port must be between 1 and 65535, got 0",
                "command line: --response-timeout: must be positive, got 0s");
    }

    @Test
    void listenAndBackendAreRequired() {
        assertThat(problems(QuickConfig.builder())).extracting(ConfigProblem::key, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("--listen", "at least one listener is required"),
                org.assertj.core.groups.Tuple.tuple("--backend", "at least one server is required"));
    }

    @Test
    void nullMeansNotGiven() throws ConfigException {
        ShoalConfig config = QuickConfig.builder().listen(":0").backend("127.0.0.1:1").backend(null)
                .balance(null).threads(null).sticky(null).accessLog(null).build();

        assertThat(config.services().get("default").servers()).hasSize(1);
        assertThat(config.services().get("default").sticky()).isNull();
    }

    @Test
    void healthCheckPathIsAnHttpGetOfIt() throws ConfigException {
        HealthConfig health = health(QuickConfig.builder().healthCheck("/health"));

        assertThat(health.check()).isEqualTo(HealthCheckConfig.http("/health"));
        assertThat(health.check().type()).isEqualTo(HealthCheckConfig.Type.HTTP);
        assertThat(health.check().method()).isEqualTo("GET");
        assertThat(health.check().path()).isEqualTo("/health");
        assertThat(health.outlier()).isNull();
    }

    @Test
    void healthCheckTcpIsAConnectCheck() throws ConfigException {
        HealthCheckConfig check = health(QuickConfig.builder().healthCheck("tcp")).check();

        assertThat(check).isEqualTo(HealthCheckConfig.tcp());
        assertThat(check.send()).isNull();
        assertThat(check.expect()).isNull();
        assertThat(check.path()).isNull();
    }

    @Test
    void everyHealthOption() throws ConfigException {
        HealthConfig health = health(QuickConfig.builder()
                .healthCheck("/ready")
                .healthInterval("500ms")
                .rise("1")
                .fall("5")
                .slowStart("30s")
                .panic("spread")
                .outlier(true));

        HealthCheckConfig d = HealthCheckConfig.http("/ready");
        assertThat(health).isEqualTo(new HealthConfig(
                new HealthCheckConfig(HealthCheckConfig.Type.HTTP, "GET", "/ready", null, d.expectStatus(), null, null,
                        null, null, Duration.ofMillis(500), Duration.ofMillis(500), Defaults.CHECK_JITTER,
                        Defaults.CHECK_TIMEOUT, 1, 5, false, null),
                OutlierConfig.defaults(),
                new PanicConfig(PanicConfig.Mode.SPREAD, Defaults.PANIC_RETRY_AFTER),
                Duration.ofSeconds(30),
                Defaults.DRAIN_TIMEOUT));
    }

    @Test
    void tcpCheckTakesIntervalRiseAndFallToo() throws ConfigException {
        HealthCheckConfig check = health(QuickConfig.builder().healthCheck("tcp").healthInterval("2s").rise("3").fall("2"))
                .check();

        assertThat(check.type()).isEqualTo(HealthCheckConfig.Type.TCP);
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(check.rise()).isEqualTo(3);
        assertThat(check.fall()).isEqualTo(2);
    }

    @Test
    void panicFailAndOutlierOff() throws ConfigException {
        HealthConfig health = health(QuickConfig.builder().panic("fail").outlier(false));

        assertThat(health.panic()).isEqualTo(PanicConfig.defaults());
        assertThat(health.outlier()).isNull();
        assertThat(health.check()).isNull();
    }

    @Test
    void healthProblemsNameTheOption() {
        List<ConfigProblem> problems = problems(QuickConfig.builder().listen(":0").backend("127.0.0.1:1")
                .healthCheck("health")
                .slowStart("5")
                .panic("spred"));

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "command line: --health-check: expected a path starting with / (an HTTP GET of that path) or tcp"
                        + " (a TCP connect), got 'health'",
                "command line: --panic: unknown panic mode 'spred'; valid: fail, spread; did you mean spread?",
                "command line: --slow-start: '5' has no unit; write e.g. 5s (a whole number with ms, s, m or h, e.g. 500ms, 5s, 2m)");
    }

    @Test
    void healthCountsAndIntervalAreValidated() {
        List<ConfigProblem> problems = problems(QuickConfig.builder().listen(":0").backend("127.0.0.1:1")
                .healthCheck("/health")
                .healthInterval("0s")
                .rise("0")
                .fall("three"));

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "command line: --fall: expected a whole number, got 'three'",
                "command line: --health-interval: must be positive, got 0s",
                "command line: --rise: must be at least 1, got 0");
    }

    @Test
    void intervalRiseAndFallNeedACheck() {
        List<ConfigProblem> problems = problems(QuickConfig.builder().listen(":0").backend("127.0.0.1:1")
                .healthInterval("1s")
                .rise("2")
                .fall("3"));

        assertThat(problems).extracting(ConfigProblem::key, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("--health-interval", "needs --health-check (a path such as /health, or tcp)"),
                org.assertj.core.groups.Tuple.tuple("--rise", "needs --health-check (a path such as /health, or tcp)"),
                org.assertj.core.groups.Tuple.tuple("--fall", "needs --health-check (a path such as /health, or tcp)"));
    }

    @Test
    void nullHealthOptionsMeanNotGiven() throws ConfigException {
        HealthConfig health = health(QuickConfig.builder().healthCheck(null).healthInterval(null).rise(null).fall(null)
                .slowStart(null).panic(null));

        assertThat(health).isEqualTo(HealthConfig.defaults());
    }

    private static HealthConfig health(QuickConfig.Builder builder) throws ConfigException {
        return builder.listen(":0").backend("127.0.0.1:1").build().services().get("default").health();
    }

    private static BalanceConfig balance(String spec) throws ConfigException {
        return QuickConfig.builder().listen(":0").backend("127.0.0.1:1").balance(spec).build()
                .services().get("default").balance();
    }

    private static List<ConfigProblem> problems(QuickConfig.Builder builder) {
        return catchThrowableOfType(ConfigException.class, builder::build).problems();
    }
}
