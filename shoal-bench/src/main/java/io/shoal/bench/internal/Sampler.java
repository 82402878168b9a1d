package io.shoal.bench.internal;

import io.shoal.bench.Second;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Turns the event loops' counters into one {@link Second} at a time and sums every interval into the run's total
 * histogram, so the total and the timeline come from the very same recorded values.
 *
 * <p>Threading: used by one thread, the one that runs the engine.
 */
final class Sampler {
    private final List<LoopStats> loops;
    private final Histogram[] recycled;
    private final Histogram interval = newHistogram();
    private final Histogram total = newHistogram();
    private final long startNanos;
    private long lastNanos;
    private long lastFailures;

    Sampler(List<LoopStats> loops, long startNanos) {
        this.loops = loops;
        this.recycled = new Histogram[loops.size()];
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    static Histogram newHistogram() {
        return new Histogram(1, LoopStats.MAX_MICROS, 3);
    }

    /** What happened since the previous call. */
    Second sample(long nowNanos, int connections, double target) {
        interval.reset();
        long failures = 0;
        for (int i = 0; i < recycled.length; i++) {
            recycled[i] = loops.get(i).interval(recycled[i]);
            interval.add(recycled[i]);
            failures += loops.get(i).failures();
        }
        total.add(interval);
        Second second = new Second((nowNanos - startNanos) / 1e9, (nowNanos - lastNanos) / 1e9, interval.getTotalCount(),
                failures - lastFailures, millis(interval, 50), millis(interval, 99), interval.getMaxValue() / 1000.0,
                connections, target);
        lastNanos = nowNanos;
        lastFailures = failures;
        return second;
    }

    /** Every latency sampled so far. */
    Histogram total() {
        return total;
    }

    private static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
