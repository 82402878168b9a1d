package io.shoal.admin.internal;

import io.shoal.admin.AdminSources;
import io.shoal.admin.ReloadFigures;
import io.shoal.proxy.stats.ConnectionStats;
import io.shoal.replicas.ReplicaView;
import io.shoal.topology.Service;
import io.shoal.topology.Topology;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Shoal's own series for {@code /metrics}: per server those of {@link ServerMetrics}; per service the
 * queue and replicas; client connections as {@code /status} counts them, and per listener those of
 * {@link ListenerMetrics}; reloads. Every value is read from
 * the counters the data plane and the control plane keep, at scrape time.
 */
final class TrafficMetrics {
    private TrafficMetrics() {}

    static void write(PrometheusWriter w, AdminSources sources, ReloadFigures reloads) {
        Collection<Service> services = sources.topology().current().services().values();
        ServerMetrics.write(w, sources.topology().ticker().nanoTime(), services, sources.replicas().replicas());
        queues(w, sources.topology(), services);
        replicas(w, sources);
        reloads(w, reloads);
        connections(w, sources.connections());
        ListenerMetrics.write(w, sources.connections().listeners(), sources.tls());
        w.family("shoal_access_log_dropped_total", "counter",
                "Access-log lines lost: the writer was behind (a slow disk) or the file could not be written.");
        w.sample("shoal_access_log_dropped_total", sources.accessLog().dropped());
    }

    private static void queues(PrometheusWriter w, Topology topology, Collection<Service> services) {
        w.family("shoal_service_queue_current", "gauge",
                "Requests waiting for a server below its max_conns now (HAProxy's qcur).");
        for (Service service : services) {
            w.sample("shoal_service_queue_current", topology.queue(service.name()).current(), "service", service.name());
        }
        w.family("shoal_service_queue_max", "gauge", "The most requests that waited at once (HAProxy's qmax).");
        for (Service service : services) {
            w.sample("shoal_service_queue_max", topology.queue(service.name()).max(), "service", service.name());
        }
    }

    private static void reloads(PrometheusWriter w, ReloadFigures reloads) {
        ReloadFigures.Counts c = reloads.counts();
        w.family("shoal_reloads_total", "counter", "Reloads of the configuration file, by result.");
        w.sample("shoal_reloads_total", c.successes(), "result", "success");
        w.sample("shoal_reloads_total", c.failures(), "result", "failure");
        w.family("shoal_reload_last_success", "gauge",
                "1 when the last reload (or, before any, the load at start) succeeded; 0 when it was refused.");
        w.sample("shoal_reload_last_success", c.last() == ReloadFigures.Result.SUCCESS ? 1 : 0);
        w.family("shoal_reload_last_timestamp_seconds", "gauge",
                "When the last reload was tried (or, before any, Shoal started), seconds since the Unix epoch.");
        w.sample("shoal_reload_last_timestamp_seconds", c.lastEpochMillis() / 1000.0);
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
        w.family("shoal_client_requests_total", "counter", "Requests received from clients, malformed ones included.");
        w.sample("shoal_client_requests_total", c.requests());
    }
}
