package io.shoal.balancer;

/**
 * A server as a balancing algorithm sees it: a static weight and live load figures.
 *
 * <p>Implementations are shared by every event loop, so each method must be cheap, lock-free and
 * allocation-free: algorithms call them on the request path.
 */
public interface Target {

    /** Relative share of traffic, at least 1. */
    int weight();

    /**
     * Whether this target may take a new request now: false while it is passively failed, at its
     * connection limit, or otherwise out of rotation.
     */
    boolean isAvailable(long nowNanos);

    /** Requests currently in flight to this target, over all event loops. */
    int inFlight();

    /**
     * Peak-EWMA of response latency in nanoseconds as of {@code nowNanos}; 0 when nothing was observed.
     * {@link PeakEwma#value} gives it.
     */
    double latencyEwmaNanos(long nowNanos);
}
