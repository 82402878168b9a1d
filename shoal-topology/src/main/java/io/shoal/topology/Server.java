package io.shoal.topology;

import io.shoal.balancer.PeakEwma;
import io.shoal.balancer.Target;
import io.shoal.config.ServerConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backend server with its live figures. The same instance lives across snapshots, so that
 * in-flight counts and failure state survive a configuration change that keeps the server.
 */
public final class Server implements Target {
    private final String serviceName;
    private final ServerConfig config;
    private final InetSocketAddress address;
    private final String stickyId;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final PeakEwma latency = new PeakEwma();
    private final PassiveFailures failures;

    public Server(String serviceName, ServerConfig config) {
        this.serviceName = serviceName;
        this.config = config;
        this.address = InetSocketAddress.createUnresolved(config.address().host(), config.address().port());
        this.stickyId = StickyIds.of(config.address().toString());
        this.failures = new PassiveFailures(config.maxFails(), config.failTimeout().toNanos());
    }

    public String serviceName() {
        return serviceName;
    }

    public ServerConfig config() {
        return config;
    }

    /** Unresolved, so that a name is looked up when a connection is made, not when config loads. */
    public InetSocketAddress address() {
        return address;
    }

    /** The value of the sticky-session cookie that names this server; does not reveal its address. */
    public String stickyId() {
        return stickyId;
    }

    @Override
    public int weight() {
        return config.weight();
    }

    @Override
    public boolean isAvailable(long nowNanos) {
        int max = config.maxConns();
        return (max == 0 || inFlight.get() < max) && !failures.isFailed(nowNanos);
    }

    /** At its {@code max_conns}: a request for it should wait in the service's queue. */
    public boolean isFull() {
        int max = config.maxConns();
        return max > 0 && inFlight.get() >= max;
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public double latencyEwmaNanos(long nowNanos) {
        return latency.value(nowNanos);
    }

    /** A request was sent to this server (it now counts toward in-flight and {@code max_conns}). */
    public void onRequestStart() {
        inFlight.incrementAndGet();
    }

    /** The request sent to this server ended, with or without a response. */
    public void onRequestEnd() {
        inFlight.decrementAndGet();
    }

    public void recordResponse(long latencyNanos, long nowNanos) {
        latency.observe(latencyNanos, nowNanos);
        failures.recordSuccess();
    }

    public void recordFailure(long nowNanos) {
        failures.recordFailure(nowNanos);
    }

    @Override
    public String toString() {
        return config.address().toString();
    }
}
