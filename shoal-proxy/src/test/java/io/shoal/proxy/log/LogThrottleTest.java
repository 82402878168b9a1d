package io.shoal.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One line per key per interval, and the count of those held back in between. */
class LogThrottleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneLinePerIntervalWithTheCountHeldBack() {
        LogThrottle throttle = new LogThrottle(10 * SECOND);
        long t = 123 * SECOND;

        assertThat(throttle.admit("a", t)).isZero();
        assertThat(throttle.admit("a", t + SECOND)).isEqualTo(LogThrottle.HELD_BACK);
        assertThat(throttle.admit("a", t + 9 * SECOND)).isEqualTo(LogThrottle.HELD_BACK);
        assertThat(throttle.admit("b", t + 9 * SECOND)).isZero(); // keys are throttled apart
        assertThat(throttle.admit("a", t + 10 * SECOND)).isEqualTo(2);
        assertThat(throttle.admit("a", t + 11 * SECOND)).isEqualTo(LogThrottle.HELD_BACK);
        assertThat(throttle.admit("a", t + 60 * SECOND)).isEqualTo(1);
        assertThat(throttle.admit("a", t + 120 * SECOND)).isZero();
    }

    @Test
    void forgetsKeysPastItsBound() {
        LogThrottle throttle = new LogThrottle(10 * SECOND);
        for (int i = 0; i < LogThrottle.MAX_KEYS * 3; i++) {
            assertThat(throttle.admit(i, 0)).isZero();
        }
        assertThat(throttle.admit(LogThrottle.MAX_KEYS * 3 - 1, SECOND)).isEqualTo(LogThrottle.HELD_BACK);
    }
}
