package io.shoal.topology;

import io.shoal.balancer.Target;

/**
 * A server seen through panic mode: available whatever its health says, as long as it has room
 * under {@code max_conns}. Used only when no server of the service is UP and the service spreads
 * traffic anyway (Envoy's panic threshold).
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
        return server.config().weight();
    }

    @Override
    public boolean isAvailable(long nowNanos) {
        return !server.isFull() && server.state() != ServerState.MAINT;
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
