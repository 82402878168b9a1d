package io.shoal.topology;

import io.shoal.balancer.PeakEwma;
import io.shoal.balancer.Target;
import io.shoal.config.HealthConfig;
import io.shoal.config.OutlierConfig;
import io.shoal.config.ServerConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backend server: its settings, its state, and its live figures. The same instance lives across
 * snapshots, so in-flight counts, failures and state survive a change that keeps the server.
 *
 * <p>The data plane reads state and counts on every pick (volatile reads and atomics, no locks); the
 * control plane (health checks, operators, the replica manager) changes the state, on the topology's
 * {@link ControlLoop}.
 */
public final class Server implements Target {
    /** Weights are scaled so that slow start can ramp even a weight of 1 in small steps. */
    static final int WEIGHT_SCALE = 16;

    private final String serviceName;
    private volatile ServerConfig config;
    private final InetSocketAddress address;
    private final String stickyId;
    private final long slowStartNanos;
    private final Topology topology;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final PeakEwma latency = new PeakEwma();
    private final ServerTraffic traffic = new ServerTraffic();
    private final PassiveFailures failures;
    private final OutlierDetector outliers;
    private volatile ServerStatus status;
    private final HealthCheckRecord checks = new HealthCheckRecord();
    private volatile int weight;
    /** The configured weight, or the one an operator set at run time ({@code shoal weight}). */
    private volatile int configuredWeight;

    Server(String serviceName, ServerConfig config, HealthConfig health, EjectionBudget ejections, Topology topology) {
        this.serviceName = serviceName;
        this.config = config;
        this.address = InetSocketAddress.createUnresolved(config.address().host(), config.address().port());
        this.stickyId = StickyIds.of(config.address().toString());
        this.slowStartNanos = health.slowStart().toNanos();
        this.topology = topology;
        this.failures = new PassiveFailures(config.maxFails(), config.failTimeout().toNanos());
        OutlierConfig outlier = health.outlier();
        this.outliers = outlier == null ? null : new OutlierDetector(outlier, ejections, this);
        boolean startsUp = health.check() == null || health.check().initiallyUp();
        long now = topology.ticker().nanoTime();
        this.status = startsUp ? ServerStatus.of(ServerState.UP, "no health check", now)
                : ServerStatus.of(ServerState.DOWN, "waiting for the first health checks", now);
        this.weight = config.weight() * WEIGHT_SCALE;
        this.configuredWeight = config.weight();
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

    public ServerStatus status() {
        return status;
    }

    public ServerState state() {
        return status.state();
    }

    /**
     * Moves the server to {@code state}, on the control thread (waiting for it when called elsewhere);
     * listeners hear of it when it is a change.
     */
    public void setState(ServerState state, String reason) {
        topology.control().run(() -> {
            ServerStatus previous = status;
            if (previous.state() == state) {
                return;
            }
            ServerStatus current = previous.next(state, reason, topology.ticker().nanoTime());
            if (state == ServerState.UP) {
                failures.recordSuccess(); // passed its checks: earlier passive failures must not hide it
            }
            status = current;
            topology.stateChanged(this, previous, current);
        });
    }

    /**
     * Says why the server is still in {@code state}, keeping the state and the time it began; nothing when
     * the state has changed meanwhile. Not a change, so listeners hear nothing.
     */
    public void explain(ServerState state, String reason) {
        topology.control().run(() -> {
            ServerStatus current = status;
            if (current.state() == state) {
                status = current.withReason(reason);
            }
        });
    }

    /** The results of its active health checks. */
    public HealthCheckRecord checks() {
        return checks;
    }

    /** Responses and latency counted by the data plane. */
    public ServerTraffic traffic() {
        return traffic;
    }

    /** Ejected by outlier detection right now. */
    public boolean isEjected(long nowNanos) {
        return outliers != null && outliers.isEjected(nowNanos);
    }

    /** Times outlier detection ejected this server; the n-th ejection lasts n base ejection times (capped). */
    public int ejections() {
        return outliers == null ? 0 : outliers.ejections();
    }

    /** The weight the balancer uses: the configured one, scaled, and ramped during slow start. */
    @Override
    public int weight() {
        return weight;
    }

    /** The weight as configured, or as last set at run time; {@link #weight()} is this scaled and ramped. */
    public int configuredWeight() {
        return configuredWeight;
    }

    /** A weight set at run time; it lasts until a reload changes this server's entry in the file. */
    void setConfiguredWeight(int weight) {
        configuredWeight = weight;
    }

    /**
     * Takes the settings of a changed configuration entry for the same address (a reload that changed its
     * weight or backup flag), keeping its state and figures; {@link SnapshotBuilder} decides when that is possible.
     */
    void adopt(ServerConfig next) {
        config = next;
        configuredWeight = next.weight();
        refreshWeight(topology.ticker().nanoTime()); // before the new snapshot's balancers read it
    }

    /** Recomputes the slow-start ramp; true when the weight changed and balancers should be rebuilt. */
    boolean refreshWeight(long nowNanos) {
        int full = configuredWeight * WEIGHT_SCALE;
        int next = full;
        ServerStatus current = status;
        if (slowStartNanos > 0 && current.state() == ServerState.UP) {
            long elapsed = nowNanos - current.sinceNanos();
            if (elapsed < slowStartNanos) {
                next = (int) Math.max(1, full * Math.max(0, elapsed) / slowStartNanos);
            }
        }
        if (next == weight) {
            return false;
        }
        weight = next;
        return true;
    }

    @Override
    public boolean isAvailable(long nowNanos) {
        return status.state() == ServerState.UP && !isFull() && !failures.isFailed(nowNanos) && !isEjected(nowNanos);
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
        traffic.inFlightReached(inFlight.incrementAndGet());
    }

    /** The request sent to this server ended, with or without a response. */
    public void onRequestEnd() {
        inFlight.decrementAndGet();
    }

    /** A response head arrived; {@code status} feeds outlier detection. */
    public void recordResponse(int statusCode, long latencyNanos, long nowNanos) {
        latency.observe(latencyNanos, nowNanos);
        traffic.record(statusCode, latencyNanos);
        failures.recordSuccess();
        if (outliers != null) {
            outliers.onResponse(statusCode, nowNanos);
        }
    }

    /**
     * A response whose status the retry policy counts as failed (a 502, 503 or 504 it names): a failure,
     * and traffic with its latency as the client saw it, but kept out of the latency average that the
     * {@code ewma} balancer steers by, since a quick error says nothing about the server's speed.
     * Counted as a 5xx: the retry policy names only 502, 503 and 504.
     */
    public void recordFailedResponse(long latencyNanos, long nowNanos) {
        traffic.record(500, latencyNanos);
        markFailed(nowNanos);
    }

    /** A connect error or timeout, or a lost connection: the request ended without a response. */
    public void recordFailure(long nowNanos) {
        traffic.recordFailure();
        markFailed(nowNanos);
    }

    private void markFailed(long nowNanos) {
        failures.recordFailure(nowNanos);
        if (outliers != null) {
            outliers.onGatewayFailure(nowNanos);
        }
    }

    @Override
    public String toString() {
        return config.address().toString();
    }
}
