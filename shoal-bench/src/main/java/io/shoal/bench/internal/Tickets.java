package io.shoal.bench.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the right to send one request, and the time it was meant to leave. Closed model: now, until the
 * deadline or the request count. Open model: request k is due when the rate ramp says so (wrk2's and k6's arrival
 * schedule); a connection that is late sends it at once, and its latency still counts from the due time, so the
 * wait that an overloaded server causes is measured instead of omitted.
 *
 * <p>Threading: any event loop may claim; the counter is the only shared state.
 */
final class Tickets {
    /** Returned by {@link #claim} when no more requests may be sent. */
    static final long NONE = Long.MIN_VALUE;

    private final AtomicLong next = new AtomicLong();
    private volatile boolean stopped;
    private long startNanos;
    private final long lengthNanos;
    private final long limit;
    private final Ramp arrivals;

    /** {@code arrivals} is null in the closed model; {@code lengthNanos} is Long.MAX_VALUE and limit 0 for none. */
    Tickets(long lengthNanos, long limit, Ramp arrivals) {
        this.lengthNanos = lengthNanos;
        this.limit = limit == 0 ? Long.MAX_VALUE : limit;
        this.arrivals = arrivals;
    }

    /** The intended send time (System.nanoTime scale) of the next request, or {@link #NONE}. */
    long claim(long nowNanos) {
        if (stopped || nowNanos - startNanos >= lengthNanos) {
            return NONE;
        }
        long k = next.getAndIncrement();
        if (k >= limit) {
            return NONE;
        }
        if (arrivals == null) {
            return nowNanos;
        }
        double seconds = arrivals.timeOfEvent(k);
        return seconds * 1e9 >= lengthNanos ? NONE : startNanos + (long) (seconds * 1e9);
    }

    /** Open model: how many requests were due before {@code nowNanos} (capped by the request count). */
    long dueBy(long nowNanos) {
        double seconds = Math.min(nowNanos - startNanos, lengthNanos) / 1e9;
        return Math.min(limit, arrivals.eventsBefore(seconds));
    }

    /** No more tickets from now on: the run cannot go on. */
    void stop() {
        stopped = true;
    }

    /**
     * Starts the clock of the run, once the first connections are open, so that opening them is not charged to the
     * first requests. Called before any slot claims; the event loops see it through the task that starts a slot.
     */
    void startAt(long nanos) {
        startNanos = nanos;
    }
}
