package io.shoal.proxy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.config.PolicyConfig.RateLimit;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves: which requests pass, in order, and what the refused are told. */
class RateLimiterTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final InetAddress ONE = InetAddress.getLoopbackAddress();
    private static final InetAddress TWO = address("10.0.0.2");

    @Test
    void aBurstPassesAtOnceThenOneRequestPerInterval() {
        RateLimiter limiter = new RateLimiter(new RateLimit(2, 3, RateLimit.Key.CLIENT));

        assertThat(outcomes(limiter, ONE, 0, 5)).containsExactly("pass", "pass", "pass", "429 retry 1", "429 retry 1");
        assertThat(outcomes(limiter, ONE, SECOND / 2, 2)).containsExactly("pass", "429 retry 1");
        assertThat(outcomes(limiter, ONE, 3 * SECOND, 4)).containsExactly("pass", "pass", "pass", "429 retry 1");
    }

    @Test
    void eachClientHasItsOwnBucketUnlessTheRouteShares() {
        RateLimiter perClient = new RateLimiter(new RateLimit(1, 1, RateLimit.Key.CLIENT));
        assertThat(outcomes(perClient, ONE, 0, 2)).containsExactly("pass", "429 retry 1");
        assertThat(outcomes(perClient, TWO, 0, 2)).containsExactly("pass", "429 retry 1");

        RateLimiter perRoute = new RateLimiter(new RateLimit(1, 1, RateLimit.Key.ROUTE));
        assertThat(outcomes(perRoute, ONE, 0, 1)).containsExactly("pass");
        assertThat(outcomes(perRoute, TWO, 0, 1)).containsExactly("429 retry 1");
    }

    @Test
    void aSlowRateTellsHowLongToWait() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1.0 / 60, 1, RateLimit.Key.CLIENT));

        assertThat(outcomes(limiter, ONE, 0, 2)).containsExactly("pass", "429 retry 60");
        assertThat(outcomes(limiter, ONE, 59 * SECOND, 1)).containsExactly("429 retry 1");
        assertThat(outcomes(limiter, ONE, 60 * SECOND, 1)).containsExactly("pass");
    }

    @Test
    void aClockThatStartsNegativeIsNoSpecialCase() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1, 2, RateLimit.Key.CLIENT));

        assertThat(outcomes(limiter, ONE, -5 * SECOND, 3)).containsExactly("pass", "pass", "429 retry 1");
    }

    private static List<String> outcomes(RateLimiter limiter, InetAddress client, long nowNanos, int requests) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Answer answer = limiter.check(client, nowNanos);
            outcomes.add(answer == null ? "pass"
                    : answer.status().code() + " retry " + answer.retryAfterSeconds());
            assertThat(answer == null || answer.status() == HttpResponseStatus.TOO_MANY_REQUESTS).isTrue();
        }
        return outcomes;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
