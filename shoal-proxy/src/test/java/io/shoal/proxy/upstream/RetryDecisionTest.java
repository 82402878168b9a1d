package io.shoal.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.RetryPolicy.RetryOn;
import io.shoal.config.RetryPolicy;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryDecisionTest {
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(10), Set.of(RetryOn.ERROR));

    @ParameterizedTest(name = "{0}, sent={1}, replayable={2}, tries={3}, elapsed={4}s: {5}")
    @CsvSource({
        "ERROR,   false, false, 1, 0,  true",   // nothing reached the server: even a POST goes elsewhere
        "ERROR,   true,  true,  1, 0,  true",   // an idempotent request without a body can be sent again
        "ERROR,   true,  false, 1, 0,  false",  // a sent POST (or a streamed body) is never replayed
        "TIMEOUT, false, true,  1, 0,  false",  // the policy does not name timeouts
        "ERROR,   false, true,  3, 0,  false",  // tries used up
        "ERROR,   false, true,  2, 9,  true",
        "ERROR,   false, true,  2, 10, false",  // past the deadline
    })
    void retriesOnlyWhenSafeNamedAndWithinLimits(RetryOn failure, boolean sent, boolean replayable, int tries,
                                                 long elapsedSeconds, boolean expected) {
        assertThat(RetryDecision.retries(POLICY, failure, sent, replayable, tries,
                Duration.ofSeconds(elapsedSeconds).toNanos())).isEqualTo(expected);
    }
}
