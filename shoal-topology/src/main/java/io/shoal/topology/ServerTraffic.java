package io.shoal.topology;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the data plane counts for one server: responses by status class, failures without a response,
 * and latency, both as cumulative buckets (for {@code /metrics}) and as HdrHistogram intervals (for
 * percentiles). Every event loop writes (striped adders and HdrHistogram's wait-free recorder: no
 * locks, no allocation); the control plane reads the cumulative counts whenever it likes, and
 * {@link TrafficSampler} alone takes the intervals.
 */
public final class ServerTraffic {
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
    /** Upper bounds of the latency buckets, seconds: Prometheus's default buckets. */
    private static final double[] BUCKET_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final long[] BUCKET_NANOS = new long[BUCKET_SECONDS.length];

    static {
        for (int i = 0; i < BUCKET_SECONDS.length; i++) {
            BUCKET_NANOS[i] = (long) (BUCKET_SECONDS[i] * 1e9);
        }
    }

    /** Index 0 holds 1xx, ..., 4 holds 5xx. */
    private final LongAdder[] byClass = adders(5);
    private final LongAdder failures = new LongAdder();
    /** One more than the bounds: the last counts what is above every bound (+Inf). Not cumulative. */
    private final LongAdder[] buckets = adders(BUCKET_NANOS.length + 1);
    private final LongAdder latencySumNanos = new LongAdder();
    private final Recorder latencyMicros = new Recorder(MAX_MICROS, 2);

    void record(int statusCode, long latencyNanos) {
        byClass[Math.min(4, Math.max(0, statusCode / 100 - 1))].increment();
        long nanos = Math.max(0, latencyNanos);
        int bucket = 0;
        while (bucket < BUCKET_NANOS.length && nanos > BUCKET_NANOS[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        latencySumNanos.add(nanos);
        latencyMicros.recordValue(Math.min(MAX_MICROS, nanos / 1000));
    }

    /** A request sent to this server that ended without a response: connect error, timeout, lost connection. */
    void recordFailure() {
        failures.increment();
    }

    /** Responses received from this server since it was created. */
    public long responses() {
        long sum = 0;
        for (LongAdder adder : byClass) {
            sum += adder.sum();
        }
        return sum;
    }

    /** Responses of status class {@code statusClass} (1 for 1xx ... 5 for 5xx) since this server was created. */
    public long responses(int statusClass) {
        return byClass[statusClass - 1].sum();
    }

    /** Requests sent to this server that ended without a response, since it was created. */
    public long failures() {
        return failures.sum();
    }

    /** The upper bounds of the latency buckets, in seconds (the +Inf bucket is implied). */
    public static double[] bucketBoundsSeconds() {
        return BUCKET_SECONDS.clone();
    }

    /**
     * Responses per latency bucket, cumulative as Prometheus wants: element i counts latencies up to
     * bound i; the last element (one past the bounds) counts all of them (+Inf).
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

    /** The sum of every latency recorded, seconds (to the response head). */
    public double latencySumSeconds() {
        return latencySumNanos.sum() / 1e9;
    }

    /**
     * Latencies (microseconds, to the response head) recorded since the previous call. Meant for one
     * reader, {@link TrafficSampler}: each call starts a new interval.
     */
    synchronized Histogram takeInterval() {
        return latencyMicros.getIntervalHistogram();
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] adders = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
