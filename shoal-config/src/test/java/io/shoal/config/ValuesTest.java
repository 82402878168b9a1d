package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.shoal.config.BalanceConfig.HashKey;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "5s, 5000", "2m, 120000", "1h, 3600000", "0s, 0", " 7s , 7000"})
    void durations(String text, long millis) {
        assertThat(Values.duration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "-1s", "1.5s", "5 s", "5S", "5d", "s", "", "1m30s"})
    void badDurations(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.duration(text))
                .withMessageContaining("ms, s, m or h");
    }

    @Test
    void microseconds() {
        assertThat(Values.duration("50us")).isEqualTo(Duration.ofNanos(50_000));
        assertThat(Values.formatDuration(Duration.ofNanos(50_000))).isEqualTo("50us");
        assertThat(Values.formatDuration(Duration.ofNanos(1_500_000))).isEqualTo("1500us");
        assertThat(Values.formatDuration(Duration.ofMillis(2))).isEqualTo("2ms");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "512, 512", "8k, 8192", "8K, 8192", "1m, 1048576", "1g, 1073741824"})
    void sizes(String text, int bytes) {
        assertThat(Values.size(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2g", "-1", "8kb", "1.5k", "k", "3000000000"})
    void badSizes(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.size(text)).withMessageStartingWith("bad size");
    }

    /** Property: whatever formatDuration/formatSize print, duration/size read back exactly (seeded). */
    @Test
    void formattedValuesReadBack() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Duration d = Duration.ofMillis(random.nextInt(10) == 0 ? random.nextInt(100) * 3_600_000L : random.nextInt(1 << 30));
            assertThat(Values.duration(Values.formatDuration(d))).isEqualTo(d);
            Duration micros = Duration.ofNanos(random.nextInt(1 << 30) * 1000L);
            assertThat(Values.duration(Values.formatDuration(micros))).isEqualTo(micros);
            int bytes = random.nextInt(10) == 0 ? random.nextInt(2048) << 20 : random.nextInt(Integer.MAX_VALUE);
            assertThat(Values.size(Values.formatSize(bytes))).isEqualTo(bytes);
        }
        assertThat(Values.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Values.formatDuration(Duration.ZERO)).isEqualTo("0s");
        assertThat(Values.formatSize(32 * 1024)).isEqualTo("32k");
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1:8080, 127.0.0.1, 8080", "localhost:80, localhost, 80", "[::1]:443, ::1, 443",
            "[2001:db8::1]:9000, 2001:db8::1, 9000", "web-1.internal:9001, web-1.internal, 9001"})
    void serverAddresses(String text, String host, int port) {
        assertThat(Values.serverAddress(text)).isEqualTo(new HostPort(host, port));
    }

    @Test
    void listenAddressMayLeaveOutTheHost() {
        assertThat(Values.listenAddress(":8080")).isEqualTo(new HostPort("0.0.0.0", 8080));
        assertThatIllegalArgumentException().isThrownBy(() -> Values.serverAddress(":8080"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1:80", "[::1]80", "[::g]:80", "host:port", "http://a:1", "300.1.1.1:80",
            "a..b:80", "-a:80", "a b:80", ""})
    void badAddresses(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.serverAddress(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "::1", "::", "fd00::/8", "2001:db8:0:0:0:0:0:1",
            "2001:db8::/128"})
    void ipsAndRanges(String text) {
        assertThat(Values.ipOrCidr(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::1/129", "1.2.3", "1.2.3.256", "localhost", "1:2:3:4:5:6:7:8:9",
            "1::2::3", ":1", "10.0.0.0/", "fe80::1%eth0",
            "::ffff:10.0.0.1"})
    void badIpsAndRanges(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.ipOrCidr(text));
    }

    @Test
    void hashKeys() {
        assertThat(Values.hashKey("uri")).isEqualTo(new HashKey(HashKey.Source.URI, null));
        assertThat(Values.hashKey("query:user")).isEqualTo(new HashKey(HashKey.Source.QUERY, "user"));
        assertThat(Values.hashKey("header:X-User").toString()).isEqualTo("header:X-User");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.hashKey("header"))
                .withMessage("hash key 'header' needs a name, e.g. header:X-User");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.hashKey("header:bad name"));
        assertThatIllegalArgumentException().isThrownBy(() -> Values.hashKey("uri:x"));
        assertThatIllegalArgumentException().isThrownBy(() -> Values.hashKey("urii")).withMessageEndingWith("did you mean uri?");
    }

    @Test
    void serverSpec() {
        assertThat(Values.server("127.0.0.1:9002,weight=3,backup,max_conns=10,max_fails=2,fail_timeout=5s"))
                .isEqualTo(new ServerConfig(new HostPort("127.0.0.1", 9002), 3, true, 10, 2, Duration.ofSeconds(5)));
        assertThat(Values.server("127.0.0.1:9002,backup=false").backup()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Values.server("127.0.0.1:9002,weight"))
                .withMessage("weight needs a value, e.g. weight=3");
    }

    @Test
    void booleansAndIntegers() {
        assertThat(Values.bool("yes")).isTrue();
        assertThat(Values.bool("False")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Values.bool("1"));
        assertThat(Values.integer("-3")).isEqualTo(-3);
        assertThatIllegalArgumentException().isThrownBy(() -> Values.integer("2147483648"));
        assertThatIllegalArgumentException().isThrownBy(() -> Values.integer("1.0"));
    }

    @ParameterizedTest
    @CsvSource({"200, 200, 200", "200-299, 200, 299", " 500 - 504 , 500, 504", "299-200, 299, 200"})
    void statusRanges(String text, int from, int to) {
        assertThat(Values.statusRange(text)).isEqualTo(new HealthCheckConfig.StatusRange(from, to));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2xx", "200-", "-200", "200,204", "", "ok"})
    void badStatusRanges(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.statusRange(text)).withMessageStartingWith("bad status");
    }

    @Test
    void statusRangeContainsItsEnds() {
        HealthCheckConfig.StatusRange range = Values.statusRange("200-399");
        assertThat(range.contains(200)).isTrue();
        assertThat(range.contains(399)).isTrue();
        assertThat(range.contains(400)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"10%, 0.1", "0.1, 0.1", "0%, 0", "0, 0", "50%, 0.5", "2.5%, 0.025", "1, 1", "100%, 1"})
    void fractions(String text, double value) {
        assertThat(Values.fraction(text)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "-1%", "ten", "%", "0.1%%", "1e-1", ""})
    void badFractions(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.fraction(text));
    }

    /** Property: whatever formatPercent prints, fraction reads back exactly (seeded). */
    @Test
    void formattedPercentsReadBack() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double fraction = random.nextInt(1_000_001) / 1_000_000.0;
            assertThat(Values.fraction(Values.formatPercent(fraction))).isEqualTo(fraction);
        }
        assertThat(Values.formatPercent(0.1)).isEqualTo("10%");
        assertThat(Values.formatPercent(0)).isEqualTo("0%");
        assertThat(Values.formatPercent(0.025)).isEqualTo("2.5%");
    }

    @Test
    void healthCheckInOneWord() {
        assertThat(Values.healthCheck("/health")).isEqualTo(HealthCheckConfig.http("/health"));
        assertThat(Values.healthCheck("tcp")).isEqualTo(HealthCheckConfig.tcp());
        assertThatIllegalArgumentException().isThrownBy(() -> Values.healthCheck("health"))
                .withMessageStartingWith("expected a path starting with / (an HTTP GET of that path) or tcp");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.healthCheck("http"));
    }

    @Test
    void checkTypesAndPanicModes() {
        assertThat(Values.checkType("tcp")).isEqualTo(HealthCheckConfig.Type.TCP);
        assertThat(Values.panicMode("spread")).isEqualTo(PanicConfig.Mode.SPREAD);
        assertThatIllegalArgumentException().isThrownBy(() -> Values.checkType("HTTP"))
                .withMessage("unknown health check type 'HTTP'; valid: http, tcp, grpc; did you mean http?");
    }

    @Test
    void restartModes() {
        assertThat(Values.restartMode("always")).isEqualTo(RestartPolicy.Mode.ALWAYS);
        assertThat(Values.restartMode("on-failure")).isEqualTo(RestartPolicy.Mode.ON_FAILURE);
        assertThat(Values.restartMode("never")).isEqualTo(RestartPolicy.Mode.NEVER);
        assertThat(RestartPolicy.defaults().configName()).isEqualTo("always");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.restartMode("Always"))
                .withMessage("unknown restart policy 'Always'; valid: always, on-failure, never; did you mean always?");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.restartMode("no"))
                .withMessage("unknown restart policy 'no'; valid: always, on-failure, never; compose's 'no' is never");
    }

    @Test
    void commandsInOneStringAreSplitOnSpaces() {
        assertThat(Values.command("java -jar app.jar")).containsExactly("java", "-jar", "app.jar");
        assertThat(Values.command("  node\tserver.js   --port {port} ")).containsExactly("node", "server.js", "--port", "{port}");
        assertThat(Values.command("echo $HOME && ls")).containsExactly("echo", "$HOME", "&&", "ls");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.command("sh -c 'echo hi'"))
                .withMessageStartingWith("quotes are not interpreted in a one-string command");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.command("say \"hi\""))
                .withMessageStartingWith("quotes are not interpreted");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.command(" "))
                .withMessage("empty command; name at least the program to run");
    }

    @Test
    void environmentVariablesAsComposeListsThem() {
        assertThat(Values.envVar("NODE_ENV=production")).isEqualTo(java.util.Map.entry("NODE_ENV", "production"));
        assertThat(Values.envVar("OPTS=-Da=b")).isEqualTo(java.util.Map.entry("OPTS", "-Da=b"));
        assertThat(Values.envVar("_X=")).isEqualTo(java.util.Map.entry("_X", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> Values.envVar("NODE_ENV"))
                .withMessageStartingWith("'NODE_ENV' has no value; write NAME=value");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.envVar("=x"))
                .withMessage("'' is not a valid environment variable name (letters, digits and _, not starting with a digit)");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.envVar("A B=x"))
                .withMessageStartingWith("'A B' is not a valid environment variable name");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cpu > 70 for 5m: +1          | CPU            | true  | 70        | 300000 | 1",
            "cpu<30 for 5m:-1             | CPU            | false | 30        | 300000 | -1",
            "cpu > 62.5% for 30s: +2      | CPU            | true  | 62.5      | 30000  | 2",
            "memory > 1g for 1m: +1       | MEMORY         | true  | 1073741824 | 60000 | 1",
            "p95_latency > 250ms for 10s: +3 | P95_LATENCY_MS | true | 250     | 10000  | 3",
            "queue_length > 0 for 0s: +1  | QUEUE_LENGTH   | true  | 0         | 0      | 1",
            "rps < 0.5 for 1h: -2         | RPS            | false | 0.5       | 3600000 | -2"})
    void autoscaleRules(String text, AutoscaleConfig.Metric metric, boolean above, double threshold, long holdMillis,
                        int change) {
        assertThat(Values.autoscaleRule(text)).isEqualTo(
                new AutoscaleConfig.Rule(metric, above, threshold, Duration.ofMillis(holdMillis), change));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu > 70: +1", "cpu 70 for 5m: +1", "cpu > for 5m: +1", "cpu > 70 for 5m", "> 70 for 5m: +1",
            "cpu > 70 for 5m: +1.5", "cpu > 70 for 5m -> +1"})
    void badAutoscaleRules(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.autoscaleRule(text))
                .withMessageStartingWith("bad rule '" + text + "' (METRIC > or < THRESHOLD for DURATION: +N or -N");
    }

    @Test
    void autoscaleRuleParts() {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.autoscaleRule("cpu == 70 for 5m: +1"))
                .withMessageStartingWith("rule 'cpu == 70 for 5m: +1': compare with > or <, not ==");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.autoscaleRule("latency > 1s for 5m: +1"))
                .withMessageStartingWith("unknown metric 'latency'");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.autoscaleRule("memory > 1GB for 5m: +1"))
                .withMessageEndingWith("; write 1G");
        assertThatIllegalArgumentException().isThrownBy(() -> Values.autoscaleRule("cpu > 70 for 5m: 2"))
                .withMessageContaining("write the change with its sign, +2 to add replicas or -2 to remove them");
    }

    @ParameterizedTest
    @CsvSource({"cpu, 70, 70", "cpu, 70%, 70", "cpu, 250, 250", "memory, 256m, 268435456", "memory, 512, 512",
            "memory, 8g, 8589934592", "p95_latency, 2s, 2000", "in_flight, 8, 8", "rps, 0.25, 0.25", "queue_length, 20, 20"})
    void metricValues(String metric, String text, double value) {
        AutoscaleConfig.Metric m = java.util.Arrays.stream(AutoscaleConfig.Metric.values())
                .filter(x -> x.configName().equals(metric)).findFirst().orElseThrow();
        assertThat(Values.metricValue(m, text)).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"mon-fri | 1,2,3,4,5", "sat,sun | 6,7", "mon | 1", "mon-wed, fri | 1,2,3,5",
            "sunday,monday | 1,7", "mon-sun | 1,2,3,4,5,6,7", "tue,tue-wed | 2,3"})
    void days(String text, String days) {
        assertThat(Values.days(text)).isEqualTo(java.util.Arrays.stream(days.split(",")).map(Integer::valueOf).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mon", "mon-", "mon,,tue", "sun-mon", "weekdays", ""})
    void badDays(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Values.days(text));
    }
}
