package io.shoal.admin.internal;

import io.shoal.replicas.ReplicaView;
import io.shoal.topology.LatencyHistogram;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.ServerTraffic;
import io.shoal.topology.Service;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The per-server families of {@code /metrics}, with the figures of HAProxy's exporter. Each sample is
 * labelled {@code service}, {@code server} (its address, which changes when a replica is replaced) and
 * {@code replica} (the replica's id, such as {@code web-1}, for a server Shoal runs; the address for a
 * static server), so that a replica's series go on across a rollout.
 */
final class ServerMetrics {
    private static final double[] BOUNDS = LatencyHistogram.boundsSeconds();

    /** A server and its labels, worked out once per scrape. */
    private record Labelled(Server server, String[] labels) {
        String[] with(String name, String value) {
            String[] all = Arrays.copyOf(labels, labels.length + 2);
            all[labels.length] = name;
            all[labels.length + 1] = value;
            return all;
        }
    }

    private final PrometheusWriter w;
    private final long nowNanos;
    private final List<Labelled> servers = new ArrayList<>();

    private ServerMetrics(PrometheusWriter w, long nowNanos, Collection<Service> services, List<ReplicaView> replicas) {
        this.w = w;
        this.nowNanos = nowNanos;
        for (Service service : services) {
            for (Server server : service.servers()) {
                String address = server.config().address().toString();
                String replica = ServerIds.replicaOf(server, replicas);
                servers.add(new Labelled(server, new String[] {"service", service.name(), "server", address,
                        "replica", replica == null ? address : replica}));
            }
        }
    }

    /** @param nowNanos the topology's {@link io.shoal.topology.Ticker}, for the time spent DOWN */
    static void write(PrometheusWriter w, long nowNanos, Collection<Service> services, List<ReplicaView> replicas) {
        new ServerMetrics(w, nowNanos, services, replicas).write();
    }

    private void write() {
        w.family("shoal_requests_total", "counter", "Responses from servers, by status class.");
        for (Labelled s : servers) {
            for (int statusClass = 1; statusClass <= 5; statusClass++) {
                w.sample("shoal_requests_total", s.server().traffic().responses(statusClass),
                        s.with("code", statusClass + "xx"));
            }
        }
        counter("shoal_request_failures_total",
                "Requests to a server that ended without a response: connect error, timeout, lost connection.",
                server -> server.traffic().failures());
        histogram("shoal_request_duration_seconds",
                "Time from the start of an attempt on a server (connecting included) to its response head.",
                ServerTraffic::latency);
        histogram("shoal_server_connect_time_seconds",
                "Time to open a new connection to the server (a pooled connection takes none).",
                ServerTraffic::connectTime);
        histogram("shoal_server_response_time_seconds",
                "Time from the request head written to the server to its response head (time to first byte).",
                ServerTraffic::responseTime);
        counter("shoal_server_bytes_in_total", "Bytes sent to the server: requests, from the clients.",
                server -> server.traffic().bytesIn());
        counter("shoal_server_bytes_out_total", "Bytes received from the server: responses, toward the clients.",
                server -> server.traffic().bytesOut());
        counter("shoal_server_retries_total", "Failed attempts on the server after which the request was tried "
                + "again on another server.", server -> server.traffic().retries());
        counter("shoal_server_redispatches_total", "Requests whose sticky cookie named the server that went to "
                + "another one, the server being unavailable or failed.", server -> server.traffic().redispatches());
        state();
    }

    private void state() {
        w.family("shoal_server_state", "gauge", "1 for the state the server is in: UP, DOWN, DRAINING or MAINT.");
        for (Labelled s : servers) {
            for (ServerState state : ServerState.values()) {
                w.sample("shoal_server_state", s.server().state() == state ? 1 : 0, s.with("state", state.name()));
            }
        }
        gauge("shoal_server_last_state_change_timestamp_seconds",
                "When the server's state last changed (or it was added), seconds since the Unix epoch.",
                server -> server.status().sinceEpochMillis() / 1000.0);
        counter("shoal_server_downtime_seconds_total", "Time the server has spent DOWN, the current period included.",
                server -> server.status().downNanos(nowNanos) / 1e9);
        counter("shoal_server_ejections_total", "Times outlier detection ejected the server.", Server::ejections);
        gauge("shoal_server_in_flight", "Requests sent to the server and not yet ended.", Server::inFlight);
        gauge("shoal_server_max_in_flight", "The most requests the server has had in flight at once.",
                server -> server.traffic().maxInFlight());
        gauge("shoal_server_weight", "The server's configured weight.", Server::configuredWeight);
        w.family("shoal_health_checks_total", "counter", "Active health checks of the server, by result.");
        for (Labelled s : servers) {
            w.sample("shoal_health_checks_total", s.server().checks().count(true), s.with("result", "pass"));
            w.sample("shoal_health_checks_total", s.server().checks().count(false), s.with("result", "fail"));
        }
    }

    private void histogram(String name, String help, Function<ServerTraffic, LatencyHistogram> of) {
        w.family(name, "histogram", help);
        for (Labelled s : servers) {
            LatencyHistogram histogram = of.apply(s.server().traffic());
            long[] buckets = histogram.cumulativeBuckets();
            for (int i = 0; i < buckets.length; i++) {
                String le = i < BOUNDS.length ? PrometheusWriter.number(BOUNDS[i]) : "+Inf";
                w.sample(name + "_bucket", buckets[i], s.with("le", le));
            }
            w.sample(name + "_sum", histogram.sumSeconds(), s.labels());
            w.sample(name + "_count", buckets[buckets.length - 1], s.labels());
        }
    }

    private void counter(String name, String help, ToDoubleFunction<Server> value) {
        each(name, "counter", help, value);
    }

    private void gauge(String name, String help, ToDoubleFunction<Server> value) {
        each(name, "gauge", help, value);
    }

    private void each(String name, String type, String help, ToDoubleFunction<Server> value) {
        w.family(name, type, help);
        for (Labelled s : servers) {
            w.sample(name, value.applyAsDouble(s.server()), s.labels());
        }
    }
}
