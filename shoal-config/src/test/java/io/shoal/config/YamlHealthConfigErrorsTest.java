package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.ConfigException.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid health settings are reported with file, line and key, like every other setting. */
class YamlHealthConfigErrorsTest {
    private static final String CHECK = "services.web.health_check";

    @Test
    void httpOnlyKeysOnATcpCheck() {
        List<ConfigProblem> problems = problems("""
                    health_check:
                      type: tcp
                      path: /health
                      expect_status: [200]
                      body_contains: ok
                """);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "shoal.yaml:7: " + CHECK + ".path: only applies to type: http, not tcp",
                "shoal.yaml:8: " + CHECK + ".expect_status: only applies to type: http, not tcp",
                "shoal.yaml:9: " + CHECK + ".body_contains: only applies to type: http, not tcp");
    }

    @Test
    void tcpOnlyKeysOnAnHttpCheck() {
        assertOnly("""
                    health_check:
                      path: /health
                      send: PING
                """, 7, CHECK + ".send", "only applies to type: tcp, not http; an HTTP check matches its answer with");
        assertOnly("""
                    health_check:
                      path: /health
                      expect: '200'
                """, 7, CHECK + ".expect", "only applies to type: tcp, not http");
        assertOnly("""
                    health_check:
                      type: tcp
                      method: GET
                """, 7, CHECK + ".method", "only applies to type: http, not tcp");
    }

    @Test
    void riseAndFallAreAtLeastOne() {
        List<ConfigProblem> problems = problems("""
                    health_check:
                      path: /health
                      rise: 0
                      fall: -1
                """);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "shoal.yaml:7: " + CHECK + ".rise: must be at least 1, got 0",
                "shoal.yaml:8: " + CHECK + ".fall: must be at least 1, got -1");
    }

    @Test
    void unknownKeysWithSuggestions() {
        assertOnly("    health_check:\n      path: /health\n      intervall: 2s\n",
                7, CHECK + ".intervall", "unknown key; did you mean interval?");
        assertOnly("    health_check:\n      path: /health\n      fastInterval: 1s\n",
                7, CHECK + ".fastInterval", "unknown key; did you mean fast_interval?");
        assertOnly("    healthcheck: {path: /health}\n", 5, "services.web.healthcheck", "unknown key; did you mean health_check?");
        assertOnly("    outlier_detection: {consecutive_5xxx: 3}\n", 5, "services.web.outlier_detection.consecutive_5xxx",
                "unknown key; did you mean consecutive_5xx?");
        assertOnly("    slowstart: 30s\n", 5, "services.web.slowstart", "unknown key; did you mean slow_start?");
    }

    @Test
    void badRegexIsReportedAtItsLine() {
        assertOnly("""
                    health_check:
                      path: /health
                      body_regex: 'status.*(ok'
                """, 7, CHECK + ".body_regex", "not a valid regular expression: Unclosed group near index");
    }

    @Test
    void pathIsRequiredForHttpAndStartsWithASlash() {
        assertOnly("    health_check:\n      interval: 2s\n", 5, CHECK + ".path", "required with type: http");
        assertOnly("    health_check: {}\n", 5, CHECK + ".path", "required with type: http");
        assertOnly("    health_check:\n      path: health\n", 6, CHECK + ".path", "must start with / and contain no spaces, got 'health'");
    }

    @Test
    void statusCodesAndRanges() {
        assertOnly("    health_check:\n      path: /\n      expect_status: [200, 700]\n",
                7, CHECK + ".expect_status[1]", "status codes are between 100 and 599, got 700");
        assertOnly("    health_check:\n      path: /\n      expect_status:\n        - 200\n        - 299-200\n",
                9, CHECK + ".expect_status[1]", "empty range 299-200; write the lower code first");
        assertOnly("    health_check:\n      path: /\n      expect_status: 2xx\n",
                7, CHECK + ".expect_status", "bad status '2xx' (a code such as 200, or a range such as 200-299)");
        assertOnly("    health_check:\n      path: /\n      expect_status: []\n",
                7, CHECK + ".expect_status", "at least one status code or range is required");
    }

    @Test
    void jitterIsAShareUpToHalf() {
        assertOnly("    health_check: {path: /, jitter: 60%}\n", 5, CHECK + ".jitter", "must be between 0% and 50%, got 60%");
        assertOnly("    health_check: {path: /, jitter: 10}\n", 5, CHECK + ".jitter",
                "'10' is more than 1 as a fraction; write 10% for a percentage");
        assertOnly("    health_check: {path: /, jitter: lots}\n", 5, CHECK + ".jitter", "bad share 'lots'");
    }

    @Test
    void durationsArePositive() {
        assertOnly("    health_check:\n      path: /\n      timeout: 0s\n", 7, CHECK + ".timeout", "must be positive, got 0s");
        assertOnly("    drain_timeout: 0s\n", 5, "services.web.drain_timeout", "must be positive, got 0s");
        assertOnly("    panic: {retry_after: 0s}\n", 5, "services.web.panic.retry_after", "must be positive, got 0s");
        assertOnly("    slow_start: 30\n", 5, "services.web.slow_start", "'30' has no unit; write e.g. 30s");
    }

    @Test
    void aZeroIntervalIsReportedOnceThoughTheFastIntervalInheritsIt() {
        assertOnly("    health_check:\n      path: /\n      interval: 0s\n", 7, CHECK + ".interval", "must be positive, got 0s");
    }

    @Test
    void namedChoices() {
        assertOnly("    health_check: {type: gprc, path: /}\n", 5, CHECK + ".type",
                "unknown health check type 'gprc'; valid: http, tcp, grpc; did you mean grpc?");
        assertOnly("    health_check: {path: /, initial_state: healthy}\n", 5, CHECK + ".initial_state",
                "unknown initial state 'healthy'; valid: down, up");
        assertOnly("    panic: spred\n", 5, "services.web.panic",
                "unknown panic mode 'spred'; valid: fail, spread; did you mean spread?");
        assertOnly("    outlier_detection: maybe\n", 5, "services.web.outlier_detection",
                "expected true, false or a mapping, got 'maybe'");
        assertOnly("    health_check: /health\n", 5, CHECK, "expected a mapping, got '/health'");
    }

    @Test
    void retryAfterOnlyWithFail() {
        assertOnly("    panic:\n      mode: spread\n      retry_after: 5s\n", 7, "services.web.panic.retry_after",
                "only applies to mode: fail, not spread");
    }

    @Test
    void outlierLimits() {
        assertOnly("""
                    outlier_detection:
                      base_ejection_time: 30s
                      max_ejection_time: 10s
                """, 7, "services.web.outlier_detection.max_ejection_time",
                "must be at least base_ejection_time (30s), got 10s");
        assertOnly("    outlier_detection:\n      max_ejection_percent: 101\n", 6,
                "services.web.outlier_detection.max_ejection_percent", "must be between 0 and 100, got 101");
        assertOnly("    outlier_detection:\n      consecutive_5xx: -1\n", 6,
                "services.web.outlier_detection.consecutive_5xx", "must be at least 0, got -1");
    }

    @Test
    void hostAndMethod() {
        assertOnly("    health_check: {path: /, host: 'a b'}\n", 5, CHECK + ".host",
                "expected a host name, optionally with :port, got 'a b'");
        assertOnly("    health_check: {path: /, method: 'G T'}\n", 5, CHECK + ".method",
                "expected an HTTP method such as GET or HEAD, got 'G T'");
    }

    @Test
    void hostMayCarryAPort() throws ConfigException {
        assertThat(YamlHealthConfigTest.health("    health_check: {path: /, host: 'api.internal:8443'}\n").check().host())
                .isEqualTo("api.internal:8443");
        assertThat(YamlHealthConfigTest.health("    health_check: {path: /, host: '[::1]'}\n").check().host())
                .isEqualTo("[::1]");
    }

    private static void assertOnly(String serviceLines, int line, String key, String messageStart) {
        ServiceProblems.assertOnly(ServiceProblems.WEB_WITH_SERVER, serviceLines, line, key, messageStart);
    }

    private static List<ConfigProblem> problems(String serviceLines) {
        return ServiceProblems.of(ServiceProblems.WEB_WITH_SERVER, serviceLines);
    }
}
