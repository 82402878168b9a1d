package io.shoal.topology;

import io.shoal.config.OutlierConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Envoy-style outlier detection for one server: consecutive 5xx or gateway failures on live traffic
 * eject it for a time that grows with each ejection. Written from every event loop with atomics only,
 * and only on failures or on the first success after one; an ejection and a return are one line each in
 * the event log, whose appender never blocks.
 */
final class OutlierDetector {
    private final OutlierConfig config;
    private final EjectionBudget budget;
    private final Server server;
    private final AtomicInteger consecutive5xx = new AtomicInteger();
    private final AtomicInteger consecutiveGateway = new AtomicInteger();
    private final AtomicInteger ejections = new AtomicInteger();
    private volatile long ejectedUntilNanos;
    private final AtomicBoolean ejected = new AtomicBoolean();

    OutlierDetector(OutlierConfig config, EjectionBudget budget, Server server) {
        this.config = config;
        this.budget = budget;
        this.server = server;
    }

    boolean isEjected(long nowNanos) {
        if (!ejected.get()) {
            return false;
        }
        if (nowNanos - ejectedUntilNanos < 0) {
            return true;
        }
        release();
        return false;
    }

    void onResponse(int status, long nowNanos) {
        if (status >= 502 && status <= 504) {
            onGatewayFailure(nowNanos);
        } else if (status >= 500) {
            consecutiveGateway.set(0);
            count(consecutive5xx, config.consecutive5xx(), nowNanos, "5xx responses");
        } else if (consecutive5xx.get() != 0 || consecutiveGateway.get() != 0) {
            consecutive5xx.set(0);
            consecutiveGateway.set(0);
        }
    }

    /** A 502/503/504, a refused or timed-out connection, or a connection lost before the response. */
    void onGatewayFailure(long nowNanos) {
        count(consecutive5xx, config.consecutive5xx(), nowNanos, "5xx responses");
        count(consecutiveGateway, config.consecutiveGatewayFailures(), nowNanos, "gateway failures");
    }

    /** @param what the failures {@code counter} counts, for the event log */
    private void count(AtomicInteger counter, int threshold, long nowNanos, String what) {
        if (threshold > 0 && counter.incrementAndGet() >= threshold && !ejected.get() && budget.tryTake()) {
            long times = ejections.incrementAndGet();
            long nanos = Math.min(config.baseEjectionTime().toNanos() * times, config.maxEjectionTime().toNanos());
            ejectedUntilNanos = nowNanos + nanos;
            ejected.set(true);
            consecutive5xx.set(0);
            consecutiveGateway.set(0);
            ServerEvents.ejected(server, Duration.ofNanos(nanos), threshold + " consecutive " + what);
        }
    }

    private void release() {
        if (ejected.compareAndSet(true, false)) {
            budget.giveBack();
            ServerEvents.returned(server);
        }
    }

    /** Ejections so far; the next one lasts one base time longer. */
    int ejections() {
        return ejections.get();
    }
}
