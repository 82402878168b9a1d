package io.shoal.topology;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the data plane counts for one server: responses by status class, failures without a response,
 * retries and redispatches, bytes each way, the most requests in flight at once, and three durations as
 * {@link LatencyHistogram}s (for {@code /metrics}): connecting, waiting for the response head once the
 * request went out, and the whole attempt to the response head, which is also counted in the fine
 * {@link LatencyBuckets} (for percentiles). Every event loop writes (striped adders and atomic counts:
 * no locks, no allocation); the control plane reads the cumulative counts whenever it likes, and
 * {@link TrafficSampler} alone takes the per-second differences of the fine counts.
 */
public final class ServerTraffic {
    /** Index 0 holds 1xx, ..., 4 holds 5xx. */
    private final StatusClassCounts byClass = new StatusClassCounts();
    private final LongAdder failures = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder redispatches = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LatencyHistogram connectTime = new LatencyHistogram();
    private final LatencyHistogram responseTime = new LatencyHistogram();
    private final AtomicLongArray latencyCounts = new AtomicLongArray(LatencyBuckets.COUNT);

    void record(int statusCode, long latencyNanos) {
        byClass.count(statusCode);
        latency.record(latencyNanos);
        latencyCounts.getAndIncrement(LatencyBuckets.index(latencyNanos / 1000));
    }

    /** A request sent to this server that ended without a response: connect error, timeout, lost connection. */
    void recordFailure() {
        failures.increment();
    }

    /** Raises the most requests in flight at once; a compare-and-set only when it is a new high. */
    void inFlightReached(int inFlight) {
        if (inFlight > maxInFlight.get()) {
            maxInFlight.accumulateAndGet(inFlight, Math::max);
        }
    }

    /** A new connection to this server was opened in {@code nanos}; a pooled connection has no connect time. */
    public void recordConnect(long nanos) {
        connectTime.record(nanos);
    }

    /** The response head arrived {@code nanos} after the request head was written (time to first byte). */
    public void recordResponseTime(long nanos) {
        responseTime.record(nanos);
    }

    /** An attempt on this server failed and the request was tried again (on another server). */
    public void recordRetry() {
        retries.increment();
    }

    /** A request its sticky cookie sent here went to another server: this one was unavailable or failed. */
    public void recordRedispatch() {
        redispatches.increment();
    }

    /** Bytes written to this server: requests, from clients toward the server (HAProxy's bytes_in). */
    public void addBytesIn(long bytes) {
        bytesIn.add(bytes);
    }

    /** Bytes read from this server: responses, toward the clients (HAProxy's bytes_out). */
    public void addBytesOut(long bytes) {
        bytesOut.add(bytes);
    }

    /** Responses received from this server since it was created. */
    public long responses() {
        return byClass.total();
    }

    /** Responses of status class {@code statusClass} (1 for 1xx ... 5 for 5xx) since this server was created. */
    public long responses(int statusClass) {
        return byClass.get(statusClass);
    }

    /** Requests sent to this server that ended without a response, since it was created. */
    public long failures() {
        return failures.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long redispatches() {
        return redispatches.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** The most requests this server had in flight at once (HAProxy's smax). */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** From the start of an attempt (connecting included) to the response head. */
    public LatencyHistogram latency() {
        return latency;
    }

    /** Opening new connections. */
    public LatencyHistogram connectTime() {
        return connectTime;
    }

    /** From the request head written to the response head. */
    public LatencyHistogram responseTime() {
        return responseTime;
    }

    /**
     * The latency counts (one per {@link LatencyBuckets} bucket) recorded since {@code last}, into
     * {@code since}; {@code last} becomes the counts now. For {@link TrafficSampler}, the one reader.
     */
    void latenciesSince(long[] last, long[] since) {
        for (int i = 0; i < last.length; i++) {
            long now = latencyCounts.get(i);
            since[i] = now - last[i];
            last[i] = now;
        }
    }
}
