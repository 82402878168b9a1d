package io.shoal.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The fixed layout of the per-second latency counts, and percentiles read from it. */
class LatencyBucketsTest {

    @Test
    void valuesBelow64MicrosHaveABucketEachThen64BucketsPerPowerOfTwo() {
        assertThat(LatencyBuckets.index(-5)).isZero();
        assertThat(LatencyBuckets.index(63)).isEqualTo(63);
        assertThat(LatencyBuckets.index(64)).isEqualTo(64);
        assertThat(LatencyBuckets.index(127)).isEqualTo(127);
        assertThat(LatencyBuckets.index(128)).isEqualTo(128);
        assertThat(LatencyBuckets.index(129)).isEqualTo(128); // two values a bucket from 128 us
        assertThat(LatencyBuckets.index(255)).isEqualTo(191);
        assertThat(LatencyBuckets.index(256)).isEqualTo(192);
        assertThat(LatencyBuckets.index(Long.MAX_VALUE)).isEqualTo(LatencyBuckets.COUNT - 1);
    }

    @Test
    void everyBucketHoldsItsMiddleAndIsWithinOnePointSixPercentOfIt() {
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            double middle = LatencyBuckets.middleMicros(i);
            assertThat(LatencyBuckets.index((long) middle)).isEqualTo(i);
            if (i > 0) {
                assertThat(LatencyBuckets.middleMicros(i)).isGreaterThan(LatencyBuckets.middleMicros(i - 1));
            }
        }
        for (long micros = 1; micros < LatencyBuckets.MAX_MICROS; micros = micros * 3 + 1) {
            double middle = LatencyBuckets.middleMicros(LatencyBuckets.index(micros));
            assertThat(Math.abs(middle - micros) / micros).isLessThan(0.016);
        }
    }

    @Test
    void aPercentileIsTheMiddleOfTheBucketHoldingThatRank() {
        long[] counts = new long[LatencyBuckets.COUNT];
        for (int ms = 1; ms <= 100; ms++) {
            counts[LatencyBuckets.index(ms * 1000L)]++;
        }
        assertThat(LatencyBuckets.percentileMillis(counts, 100, 50)).isCloseTo(50, within(0.5));
        assertThat(LatencyBuckets.percentileMillis(counts, 100, 99)).isCloseTo(99, within(1.0));
        assertThat(LatencyBuckets.percentileMillis(counts, 100, 100)).isCloseTo(100, within(1.0));
        assertThat(LatencyBuckets.percentileMillis(counts, 0, 99)).isZero();
    }

    @Test
    void aSecondKeptCompactAddsUpToTheSameCounts() {
        long[] dense = new long[LatencyBuckets.COUNT];
        dense[3] = 2;
        dense[700] = 5;
        long[] window = new long[LatencyBuckets.COUNT];

        LatencyCounts.of(dense).addTo(window);
        LatencyCounts.of(dense).addTo(window);
        LatencyCounts.of(new long[LatencyBuckets.COUNT]).addTo(window);

        assertThat(window[3]).isEqualTo(4);
        assertThat(window[700]).isEqualTo(10);
        assertThat(LatencyCounts.of(new long[LatencyBuckets.COUNT])).isSameAs(LatencyCounts.NONE);
    }
}
