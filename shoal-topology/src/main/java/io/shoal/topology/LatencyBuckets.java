package io.shoal.topology;

import java.util.concurrent.TimeUnit;

/**
 * The layout of the latency counts the per-second percentiles come from: microseconds, exact below
 * 64 us, then 64 buckets per power of two (each within 1.6 % of its values), up to ten minutes.
 *
 * <p>The layout is fixed, so the sampler's work each second is a few loops over arrays of one length.
 * HdrHistogram's encoding loops, whose bounds change with every second's data, kept being recompiled
 * by C2 on the proxy's CPU while the load ran (docs/benchmarks.md).
 */
final class LatencyBuckets {
    private static final int SUB_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
    /** How many buckets there are. */
    static final int COUNT = index(MAX_MICROS) + 1;

    private LatencyBuckets() {}

    /** The bucket of {@code micros}; below 0 counts as 0, above the maximum as the maximum. */
    static int index(long micros) {
        long value = Math.min(Math.max(micros, 0), MAX_MICROS);
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS;
        return (shift + 1) * SUB_BUCKETS + (int) ((value >> shift) - SUB_BUCKETS);
    }

    /** The middle of the values bucket {@code index} holds, microseconds. */
    static double middleMicros(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long lowest = (long) (index % SUB_BUCKETS + SUB_BUCKETS) << shift;
        return lowest + ((1L << shift) - 1) / 2.0;
    }

    /**
     * The latency at {@code percentile} (0-100) of {@code counts} (one per bucket, {@code total} in all),
     * milliseconds: the middle of the bucket that holds the value at that rank; 0 without any.
     */
    static double percentileMillis(long[] counts, long total, double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return middleMicros(i) / 1000;
            }
        }
        return middleMicros(counts.length - 1) / 1000;
    }
}
