package io.shoal.topology;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on ejected servers of one service ({@code max_ejection_percent}); at least one server may
 * always be ejected, as in Envoy.
 */
final class EjectionBudget {
    private final AtomicInteger ejected = new AtomicInteger();
    private volatile int limit;

    void resize(int servers, int maxPercent) {
        limit = Math.max(1, servers * maxPercent / 100);
    }

    boolean tryTake() {
        int current;
        do {
            current = ejected.get();
            if (current >= limit) {
                return false;
            }
        } while (!ejected.compareAndSet(current, current + 1));
        return true;
    }

    void giveBack() {
        ejected.decrementAndGet();
    }

    int ejected() {
        return ejected.get();
    }
}
