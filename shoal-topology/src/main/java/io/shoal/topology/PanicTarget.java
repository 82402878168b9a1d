package io.shoal.topology;

import io.shoal.balancer.Target;

/**
 * A server seen through a panic: available whatever some of its health says, as long as it has room
 * under {@code max_conns}. Panic overrides health, not operators: a server in DRAINING or MAINT still
 * gets no new request.
 */
public final class PanicTarget implements Target {
    /** How much of a server's health a panic looks past. */
    enum Scope {
        /** Passive failures and outlier ejections, not the health checks: an UP server qualifies. */
        PASSIVE_FAILURES,
        /** Everything: UP and DOWN servers qualify (Envoy's panic threshold, panic mode {@code spread}). */
        HEALTH
    }

    private final Server server;
    private final Scope scope;

    PanicTarget(Server server, Scope scope) {
        this.server = server;
        this.scope = scope;
    }

    public Server server() {
        return server;
    }

    @Override
    public int weight() {
        return server.configuredWeight();
    }

    @Override
    public boolean isAvailable(long nowNanos) {
        ServerState state = server.state();
        boolean qualifies = state == ServerState.UP || scope == Scope.HEALTH && state == ServerState.DOWN;
        return qualifies && !server.isFull();
    }

    @Override
    public int inFlight() {
        return server.inFlight();
    }

    @Override
    public double latencyEwmaNanos(long nowNanos) {
        return server.latencyEwmaNanos(nowNanos);
    }
}
