package io.shoal.admin.internal;

import io.shoal.admin.AdminSources;
import io.shoal.proxy.http1.ConnectionStats;
import io.shoal.replicas.ReplicaView;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.ServerTraffic;
import io.shoal.topology.Service;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Shoal's own series for {@code /metrics}: per server requests by status class, failures, latency
 * histogram, in-flight, state and health checks; per service replicas; client connections as
 * {@code /status} counts them. Every value is read from the counters the data plane keeps, at scrape time.
 */
final class TrafficMetrics {
    private static final double[] BOUNDS = ServerTraffic.bucketBoundsSeconds();

    private TrafficMetrics() {}

    static void write(PrometheusWriter w, AdminSources sources) {
        Collection<Service> services = sources.topology().current().services().values();
        requests(w, services);
        latency(w, services);
        servers(w, services);
        replicas(w, sources);
        connections(w, sources.connections());
        w.family("shoal_access_log_dropped_total", "counter",
                "Access-log lines lost: the writer was behind (a slow disk) or the file could not be written.");
        w.sample("shoal_access_log_dropped_total", sources.accessLog().dropped());
    }

    private static void requests(PrometheusWriter w, Collection<Service> services) {
        w.family("shoal_requests_total", "counter", "Responses from servers, by status class.");
        for (Service service : services) {
            for (Server server : service.servers()) {
                for (int statusClass = 1; statusClass <= 5; statusClass++) {
                    w.sample("shoal_requests_total", server.traffic().responses(statusClass), "service", service.name(),
                            "server", name(server), "code", statusClass + "xx");
                }
            }
        }
        w.family("shoal_request_failures_total", "counter",
                "Requests to a server that ended without a response: connect error, timeout, lost connection.");
        forEach(w, services, "shoal_request_failures_total", server -> server.traffic().failures());
    }

    private static void latency(PrometheusWriter w, Collection<Service> services) {
        String name = "shoal_request_duration_seconds";
        w.family(name, "histogram", "Time from sending a request to a server to its response head.");
        for (Service service : services) {
            for (Server server : service.servers()) {
                long[] buckets = server.traffic().cumulativeBuckets();
                for (int i = 0; i < buckets.length; i++) {
                    String le = i < BOUNDS.length ? PrometheusWriter.number(BOUNDS[i]) : "+Inf";
                    w.sample(name + "_bucket", buckets[i], "service", service.name(), "server", name(server), "le", le);
                }
                w.sample(name + "_sum", server.traffic().latencySumSeconds(), "service", service.name(),
                        "server", name(server));
                w.sample(name + "_count", buckets[buckets.length - 1], "service", service.name(), "server", name(server));
            }
        }
    }

    private static void servers(PrometheusWriter w, Collection<Service> services) {
        w.family("shoal_server_up", "gauge", "1 when the server is UP (takes new requests), else 0.");
        forEach(w, services, "shoal_server_up", server -> server.state() == ServerState.UP ? 1 : 0);
        w.family("shoal_server_state", "gauge", "1 for the state the server is in: UP, DOWN, DRAINING or MAINT.");
        for (Service service : services) {
            for (Server server : service.servers()) {
                for (ServerState state : ServerState.values()) {
                    w.sample("shoal_server_state", server.state() == state ? 1 : 0, "service", service.name(),
                            "server", name(server), "state", state.name());
                }
            }
        }
        w.family("shoal_server_in_flight", "gauge", "Requests sent to the server and not yet ended.");
        forEach(w, services, "shoal_server_in_flight", Server::inFlight);
        w.family("shoal_server_weight", "gauge", "The server's configured weight.");
        forEach(w, services, "shoal_server_weight", server -> server.configuredWeight());
        w.family("shoal_health_checks_total", "counter", "Active health checks of the server, by result.");
        for (Service service : services) {
            for (Server server : service.servers()) {
                w.sample("shoal_health_checks_total", server.checks(true), "service", service.name(),
                        "server", name(server), "result", "pass");
                w.sample("shoal_health_checks_total", server.checks(false), "service", service.name(),
                        "server", name(server), "result", "fail");
            }
        }
    }

    private static void replicas(PrometheusWriter w, AdminSources sources) {
        Map<String, Integer> desired = sources.replicas().desired();
        List<ReplicaView> replicas = sources.replicas().replicas();
        w.family("shoal_replicas_desired", "gauge", "Replicas a service with a run block is to have.");
        desired.forEach((service, n) -> w.sample("shoal_replicas_desired", n, "service", service));
        w.family("shoal_replicas_ready", "gauge", "Replicas of a service with a run block that are ready.");
        desired.keySet().forEach(service -> w.sample("shoal_replicas_ready", replicas.stream()
                .filter(r -> r.service().equals(service) && r.state().equals("READY")).count(), "service", service));
        w.family("shoal_scaling_events_total", "counter", "Changes of a service's replica count by the autoscaler, by direction.");
        sources.events().scalings().forEach((service, n) -> {
            w.sample("shoal_scaling_events_total", n.up(), "service", service, "direction", "up");
            w.sample("shoal_scaling_events_total", n.down(), "service", service, "direction", "down");
        });
    }

    private static void connections(PrometheusWriter w, ConnectionStats c) {
        w.family("shoal_active_connections", "gauge", "Client connections open now.");
        w.sample("shoal_active_connections", c.active());
        w.family("shoal_connections", "gauge", "Open client connections by phase, as nginx stub_status counts them.");
        w.sample("shoal_connections", c.reading(), "state", "reading");
        w.sample("shoal_connections", c.writing(), "state", "writing");
        w.sample("shoal_connections", c.waiting(), "state", "waiting");
        w.family("shoal_connections_accepted_total", "counter", "Client connections accepted.");
        w.sample("shoal_connections_accepted_total", c.accepts());
        w.family("shoal_connections_handled_total", "counter",
                "Client connections served (accepted and not refused past max_connections).");
        w.sample("shoal_connections_handled_total", c.handled());
        w.family("shoal_client_requests_total", "counter", "Requests received from clients.");
        w.sample("shoal_client_requests_total", c.requests());
    }

    private static void forEach(PrometheusWriter w, Collection<Service> services, String name,
                                java.util.function.ToDoubleFunction<Server> value) {
        for (Service service : services) {
            for (Server server : service.servers()) {
                w.sample(name, value.applyAsDouble(server), "service", service.name(), "server", name(server));
            }
        }
    }

    private static String name(Server server) {
        return server.config().address().toString();
    }
}
