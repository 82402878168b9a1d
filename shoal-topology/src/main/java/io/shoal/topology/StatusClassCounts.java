package io.shoal.topology;

import java.util.concurrent.atomic.LongAdder;

/**
 * Responses counted by status class, 1xx to 5xx, as HAProxy's stats page and Prometheus's {@code code}
 * label group them. Striped adders: any event loop counts, without locks or allocation.
 */
public final class StatusClassCounts {
    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder()};

    /** Counts one response of {@code status}; a status outside 100-599 counts in the nearest class. */
    public void count(int status) {
        byClass[Math.min(4, Math.max(0, status / 100 - 1))].increment();
    }

    /** Responses of status class {@code statusClass}: 1 for 1xx ... 5 for 5xx. */
    public long get(int statusClass) {
        return byClass[statusClass - 1].sum();
    }

    /** Responses of every class. */
    public long total() {
        long sum = 0;
        for (LongAdder adder : byClass) {
            sum += adder.sum();
        }
        return sum;
    }
}
