package io.shoal.topology;

import io.shoal.balancer.LoadBalancer;
import io.shoal.balancer.LoadBalancers;
import io.shoal.balancer.PickContext;
import io.shoal.config.ServiceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A pool of servers and the balancer over them, as one snapshot sees it. Immutable. */
public final class Service {
    private final ServiceConfig config;
    private final List<Server> servers;
    private final LoadBalancer<Server> balancer;
    private final Map<String, Server> byStickyId;
    private final LoadBalancer<PanicTarget> panicBalancer;
    private final LoadBalancer<PanicTarget> pastFailuresBalancer;
    private final boolean limitsConnections;

    Service(ServiceConfig config, List<Server> servers, LoadBalancer<Server> balancer) {
        this.config = config;
        this.servers = List.copyOf(servers);
        this.balancer = balancer;
        this.panicBalancer = LoadBalancers.roundRobin(panicTargets(servers, PanicTarget.Scope.HEALTH));
        this.pastFailuresBalancer = LoadBalancers.roundRobin(panicTargets(servers, PanicTarget.Scope.PASSIVE_FAILURES));
        this.limitsConnections = servers.stream().anyMatch(server -> server.config().maxConns() > 0);
        Map<String, Server> sticky = new HashMap<>();
        for (Server server : servers) {
            sticky.put(server.stickyId(), server);
        }
        this.byStickyId = Map.copyOf(sticky);
    }

    private static List<PanicTarget> panicTargets(List<Server> servers, PanicTarget.Scope scope) {
        List<PanicTarget> targets = new ArrayList<>();
        for (Server server : servers) {
            targets.add(new PanicTarget(server, scope));
        }
        return targets;
    }

    public String name() {
        return config.name();
    }

    public ServiceConfig config() {
        return config;
    }

    public List<Server> servers() {
        return servers;
    }

    public LoadBalancer<Server> balancer() {
        return balancer;
    }

    /** Some server has {@code max_conns}: requests may have to wait in the service's queue. */
    public boolean limitsConnections() {
        return limitsConnections;
    }

    /** True when no server is UP: the service is in panic and its {@code panic} setting decides. */
    public boolean noneUp() {
        for (Server server : servers) {
            if (server.state() == ServerState.UP) {
                return false;
            }
        }
        return true;
    }

    /** Panic mode {@code spread}: a server chosen ignoring health, or null when all are full, DRAINING or MAINT. */
    public Server panicPick(PickContext context) {
        PanicTarget target = panicBalancer.pick(context);
        return target == null ? null : target.server();
    }

    /**
     * An UP server with room, its passive failures and ejections ignored, or null when there is none: for
     * when the balancer found no server although some are UP. Passive failures never take a service's last
     * servers out (nginx never marks a group's only server unavailable; Envoy's panic threshold), so each
     * request meets its own fate, a 502 or a 504, rather than a 503 for a failure that was someone else's.
     */
    public Server pickPastFailures(PickContext context) {
        PanicTarget target = pastFailuresBalancer.pick(context);
        return target == null ? null : target.server();
    }

    /** The server a sticky cookie names, or null when it names none of this service's servers. */
    public Server serverForStickyId(String stickyId) {
        return byStickyId.get(stickyId);
    }
}
