package io.shoal.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * nginx's {@code max_fails} / {@code fail_timeout}: {@code maxFails} failures within {@code failTimeout}
 * take a server out of rotation for {@code failTimeout}. Written from every event loop, but only on
 * failures and on the first success after one, so the common path is a single volatile read.
 */
final class PassiveFailures {
    private final int maxFails;
    private final long failTimeoutNanos;
    /** Start of the current counting window; 0 when no failure is being counted. */
    private final AtomicLong windowStartNanos = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long unavailableUntilNanos;
    private volatile boolean failing;

    PassiveFailures(int maxFails, long failTimeoutNanos) {
        this.maxFails = maxFails;
        this.failTimeoutNanos = failTimeoutNanos;
    }

    boolean isFailed(long nowNanos) {
        return failing && nowNanos - unavailableUntilNanos < 0;
    }

    void recordFailure(long nowNanos) {
        if (maxFails == 0) {
            return;
        }
        long start = windowStartNanos.get();
        if (start == 0 || nowNanos - start > failTimeoutNanos) {
            if (windowStartNanos.compareAndSet(start, nowNanos)) {
                failures.set(0);
            }
        }
        if (failures.incrementAndGet() >= maxFails) {
            unavailableUntilNanos = nowNanos + failTimeoutNanos;
            failing = true;
        }
    }

    void recordSuccess() {
        if (failing || windowStartNanos.get() != 0) {
            failing = false;
            windowStartNanos.set(0);
            failures.set(0);
        }
    }
}
