package io.shoal.topology;

import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations: counts per bucket and their sum, written by every event loop
 * (striped adders: no locks, no allocation) and read at scrape time. The bounds start at 100 us,
 * because a server on the same host answers in well under 5 ms, and reach 25 s in 1-2.5-5 steps.
 */
public final class LatencyHistogram {
    /** Upper bounds of the buckets, seconds; the +Inf bucket is implied. */
    private static final double[] BOUNDS_SECONDS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];

    static {
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(BOUNDS_SECONDS[i] * 1e9);
        }
    }

    /** One more than the bounds: the last counts what is above every bound (+Inf). Not cumulative. */
    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        long value = Math.max(0, nanos);
        int bucket = 0;
        while (bucket < BOUNDS_NANOS.length && value > BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        sumNanos.add(value);
    }

    /** The upper bounds of the buckets, in seconds (the +Inf bucket is implied). */
    public static double[] boundsSeconds() {
        return BOUNDS_SECONDS.clone();
    }

    /**
     * Counts per bucket, cumulative as Prometheus wants: element i counts durations up to bound i; the
     * last element (one past the bounds) counts all of them (+Inf).
     */
    public long[] cumulativeBuckets() {
        long[] counts = new long[buckets.length];
        long sum = 0;
        for (int i = 0; i < buckets.length; i++) {
            sum += buckets[i].sum();
            counts[i] = sum;
        }
        return counts;
    }

    /** The sum of every duration recorded, seconds. */
    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
