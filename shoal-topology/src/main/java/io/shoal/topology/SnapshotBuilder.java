package io.shoal.topology;

import io.shoal.balancer.LoadBalancer;
import io.shoal.balancer.LoadBalancers;
import io.shoal.config.BalanceConfig;
import io.shoal.config.ListenerConfig;
import io.shoal.config.RouteConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles a validated configuration into a {@link Snapshot}. */
final class SnapshotBuilder {
    private SnapshotBuilder() {}

    /**
     * @param previous the snapshot being replaced, or null: a server whose service and settings are
     *     unchanged keeps its instance, and with it its in-flight count and failure state
     */
    static Snapshot build(ShoalConfig config, Snapshot previous, Topology topology) {
        Map<String, Service> services = new LinkedHashMap<>();
        for (ServiceConfig service : config.services().values()) {
            Service old = previous == null ? null : previous.service(service.name());
            services.put(service.name(), service(service, old, topology));
        }
        List<List<Route>> routes = new ArrayList<>();
        for (ListenerConfig listener : config.listeners()) {
            List<Route> compiled = new ArrayList<>();
            for (RouteConfig route : listener.routes()) {
                compiled.add(new Route(route, services));
            }
            routes.add(List.copyOf(compiled));
        }
        return new Snapshot(services, routes, config.listeners().stream().map(ListenerConfig::policies).toList());
    }

    private static Service service(ServiceConfig config, Service old, Topology topology) {
        EjectionBudget budget = topology.budget(config.name());
        if (config.health().outlier() != null) {
            budget.resize(config.servers().size(), config.health().outlier().maxEjectionPercent());
        }
        List<Server> all = new ArrayList<>();
        List<Server> primaries = new ArrayList<>();
        List<Server> backups = new ArrayList<>();
        for (ServerConfig serverConfig : config.servers()) {
            Server server = reuse(old, serverConfig);
            if (server == null) {
                server = new Server(config.name(), serverConfig, config.health(), budget, topology);
            }
            all.add(server);
            (serverConfig.backup() ? backups : primaries).add(server);
        }
        LoadBalancer<Server> balancer = balancer(config.balance().algorithm(), primaries);
        if (!backups.isEmpty()) {
            balancer = LoadBalancers.withBackups(balancer, balancer(config.balance().algorithm(), backups));
        }
        return new Service(config, all, balancer);
    }

    /**
     * The server of {@code old} at the same address, so that a new configuration keeps its state, figures and
     * health checks; it takes a changed weight or backup flag. Other changed settings (max_fails,
     * fail_timeout, max_conns) make a new server: its failure counting is built from them.
     */
    private static Server reuse(Service old, ServerConfig config) {
        if (old != null) {
            for (Server server : old.servers()) {
                ServerConfig was = server.config();
                if (was.equals(config)) {
                    return server;
                }
                if (was.address().equals(config.address()) && was.maxFails() == config.maxFails()
                        && was.failTimeout().equals(config.failTimeout()) && was.maxConns() == config.maxConns()) {
                    server.adopt(config);
                    return server;
                }
            }
        }
        return null;
    }

    private static LoadBalancer<Server> balancer(BalanceConfig.Algorithm algorithm, List<Server> servers) {
        switch (algorithm) {
            case ROUND_ROBIN: return LoadBalancers.roundRobin(servers);
            case LEAST_CONN: return LoadBalancers.leastConn(servers);
            case IP_HASH:
            case HASH: return LoadBalancers.consistentHash(servers);
            case RANDOM: return LoadBalancers.random(servers);
            case P2C: return LoadBalancers.p2c(servers);
            case EWMA: return LoadBalancers.ewma(servers);
            default: throw new IllegalArgumentException("unknown algorithm " + algorithm);
        }
    }
}
