package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.RetryPolicy.RetryOn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The retry deadline against the upstream timeouts: a deadline shorter than an attempt can take would
 * silently keep {@code timeout} in {@code retry.on} from ever retrying a response timeout.
 */
class RetryDeadlineTest {
    @Test
    void byDefaultEveryTryMayRunIntoItsTimeoutsAndStillBeRetried() {
        UpstreamTimeouts timeouts = UpstreamTimeouts.defaults();
        RetryPolicy retry = RetryPolicy.defaults();
        Duration everyTryTimedOut = timeouts.connect().plus(timeouts.response()).multipliedBy(retry.tries());

        assertThat(retry.retries(RetryOn.TIMEOUT)).isTrue();
        assertThat(retry.deadline()).isGreaterThan(everyTryTimedOut);
    }

    @Test
    void aServiceWithoutRetrySettingsHasNoDeadline() throws ConfigException {
        assertThat(web("").retry().deadline()).isEqualTo(RetryPolicy.NO_DEADLINE);
    }

    @Test
    void zeroIsNoDeadlineAsInNginx() throws ConfigException {
        assertThat(web("    retry: {deadline: 0s}\n").retry().deadline()).isEqualTo(RetryPolicy.NO_DEADLINE);
    }

    /** Accepted: {@code timeout} covers connect timeouts too, and those such a deadline still lets through. */
    @Test
    void aDeadlineShorterThanTheResponseTimeoutIsKept() throws ConfigException {
        ServiceConfig web = web("    response_timeout: 60s\n    retry: {deadline: 10s, on: [error, timeout]}\n");

        assertThat(web.retry().deadline()).isEqualTo(Duration.ofSeconds(10));
    }

    private static ServiceConfig web(String serviceLines) throws ConfigException {
        return YamlConfigLoader.parse(ServiceProblems.WEB_WITH_SERVER + serviceLines, "shoal.yaml").services().get("web");
    }
}
