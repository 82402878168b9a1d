package io.shoal.topology;

import io.shoal.balancer.Target;

/**
 * A server seen through panic mode: available whatever its health says, as long as it has room
 * under {@code max_conns}. Used only when no server of the service is UP and the service spreads
 * traffic anyway (Envoy's panic threshold). Panic overrides health, not operators: a server in
 * DRAINING or MAINT still gets no new request.
 */
public final class PanicTarget implements Target {
    private final Server server;

    PanicTarget(Server server) {
        this.server = server;
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
        return (state == ServerState.UP || state == ServerState.DOWN) && !server.isFull();
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
