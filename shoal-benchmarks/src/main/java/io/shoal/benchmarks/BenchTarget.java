package io.shoal.benchmarks;

import io.shoal.balancer.PeakEwma;
import io.shoal.balancer.Target;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server as the balancers see it, with the same kinds of fields the proxy's {@code Server} reads on a
 * pick (a volatile availability flag, an atomic in-flight counter, a {@link PeakEwma}), minus the health
 * state machine: so that a pick measures the algorithm, not a stub that the JIT folds away.
 *
 * <p>{@link #toString()} is its address, which {@code LoadBalancers.consistentHash} uses as node key.
 */
final class BenchTarget implements Target {
    private final String address;
    private final int weight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final PeakEwma latency = new PeakEwma();
    private volatile boolean available = true;

    BenchTarget(String address, int weight) {
        this.address = address;
        this.weight = weight;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public boolean isAvailable(long nowNanos) {
        return available;
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public double latencyEwmaNanos(long nowNanos) {
        return latency.value(nowNanos);
    }

    void available(boolean available) {
        this.available = available;
    }

    void inFlight(int requests) {
        inFlight.set(requests);
    }

    void observe(long rttNanos, long nowNanos) {
        latency.observe(rttNanos, nowNanos);
    }

    @Override
    public String toString() {
        return address;
    }
}
