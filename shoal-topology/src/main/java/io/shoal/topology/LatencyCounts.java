package io.shoal.topology;

/**
 * One second's latency counts, kept compact for the windows that add seconds up: the buckets of
 * {@link LatencyBuckets} that counted something, and their counts. A second of local traffic fills a few
 * dozen of the buckets.
 */
final class LatencyCounts {
    static final LatencyCounts NONE = new LatencyCounts(new int[0], new long[0]);

    private final int[] buckets;
    private final long[] counts;

    private LatencyCounts(int[] buckets, long[] counts) {
        this.buckets = buckets;
        this.counts = counts;
    }

    /** The non-zero counts of {@code dense} (one per bucket). */
    static LatencyCounts of(long[] dense) {
        int used = 0;
        for (long count : dense) {
            used += count != 0 ? 1 : 0;
        }
        if (used == 0) {
            return NONE;
        }
        int[] buckets = new int[used];
        long[] counts = new long[used];
        for (int i = 0, j = 0; i < dense.length; i++) {
            if (dense[i] != 0) {
                buckets[j] = i;
                counts[j++] = dense[i];
            }
        }
        return new LatencyCounts(buckets, counts);
    }

    /** Adds these counts to {@code dense} (one per bucket). */
    void addTo(long[] dense) {
        for (int i = 0; i < buckets.length; i++) {
            dense[buckets[i]] += counts[i];
        }
    }
}
