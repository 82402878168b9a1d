package io.shoal.topology;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the data plane counts for one server: responses and their latency. Every event loop writes
 * (a striped adder and HdrHistogram's wait-free recorder, no locks); readers such as the autoscaler
 * take the counts and an interval histogram whenever they like.
 */
public final class ServerTraffic {
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final LongAdder responses = new LongAdder();
    private final Recorder latencyMicros = new Recorder(MAX_MICROS, 2);

    void record(long latencyNanos) {
        responses.increment();
        latencyMicros.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1000)));
    }

    /** Responses received from this server since it was created. */
    public long responses() {
        return responses.sum();
    }

    /**
     * Latencies (microseconds, to the response head) recorded since the previous call. Meant for one
     * reader: each call starts a new interval.
     */
    public synchronized Histogram takeInterval() {
        return latencyMicros.getIntervalHistogram();
    }
}
