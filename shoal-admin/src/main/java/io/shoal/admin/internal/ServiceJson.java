package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.replicas.ReplicaView;
import io.shoal.topology.CheckResult;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.QueueFigures;
import io.shoal.topology.ServerTraffic;
import io.shoal.topology.Service;
import io.shoal.topology.Topology;
import io.shoal.topology.TrafficFigures;
import io.shoal.topology.TrafficSampler;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service, its servers and their figures as JSON; the shape {@code GET /api/v1/services} answers and
 * docs/api.md describes. Rates are per second and latencies in milliseconds, over one window.
 */
final class ServiceJson {
    private final Topology topology;
    private final TrafficSampler traffic;
    private final Duration window;
    private final List<ReplicaView> replicas;
    private final Map<String, Integer> desired;

    ServiceJson(Topology topology, TrafficSampler traffic, Duration window, List<ReplicaView> replicas,
                Map<String, Integer> desired) {
        this.topology = topology;
        this.traffic = traffic;
        this.window = window;
        this.replicas = replicas;
        this.desired = desired;
    }

    ObjectNode service(Service service) {
        ObjectNode node = Exchanges.JSON.createObjectNode().put("name", service.name())
                .put("balance", service.config().balance().algorithm().configName());
        int up = 0;
        int inFlight = 0;
        ArrayNode servers = Exchanges.JSON.createArrayNode();
        for (Server server : service.servers()) {
            up += server.state() == ServerState.UP ? 1 : 0;
            inFlight += server.inFlight();
            servers.add(server(server));
        }
        ObjectNode totals = figures(traffic.service(service.name(), window));
        QueueFigures queue = topology.queue(service.name());
        totals.put("servers", service.servers().size()).put("up", up).put("inFlight", inFlight)
                .put("queueCurrent", queue.current()).put("queueMax", queue.max());
        node.set("totals", totals);
        if (desired.containsKey(service.name())) {
            long ready = replicas.stream()
                    .filter(r -> r.service().equals(service.name()) && r.state().equals("READY")).count();
            node.putObject("replicas").put("desired", desired.get(service.name())).put("ready", ready);
        } else {
            node.putNull("replicas");
        }
        node.set("servers", servers);
        return node;
    }

    private ObjectNode server(Server server) {
        ObjectNode node = Exchanges.JSON.createObjectNode()
                .put("address", server.config().address().toString())
                .put("replica", ServerIds.replicaOf(server, replicas))
                .put("state", server.state().name())
                .put("reason", server.status().reason())
                .put("sinceEpochMillis", server.status().sinceEpochMillis())
                .put("weight", server.configuredWeight())
                .put("backup", server.config().backup())
                .put("inFlight", server.inFlight());
        node.setAll(figures(traffic.server(server, window)));
        ObjectNode counts = node.putObject("responses");
        for (int statusClass = 1; statusClass <= 5; statusClass++) {
            counts.put(statusClass + "xx", server.traffic().responses(statusClass));
        }
        ServerTraffic t = server.traffic();
        long now = topology.ticker().nanoTime();
        node.put("failures", t.failures())
                .put("retries", t.retries())
                .put("redispatches", t.redispatches())
                .put("bytesIn", t.bytesIn())
                .put("bytesOut", t.bytesOut())
                .put("sessionsMax", t.maxInFlight())
                .put("ejections", server.ejections())
                .put("lastChangeSeconds", round(server.status().secondsSince(now)))
                .put("downtimeSeconds", round(server.status().downNanos(now) / 1e9));
        ArrayNode checks = node.putArray("healthChecks");
        for (CheckResult check : server.checks().recent()) {
            checks.addObject().put("passed", check.passed()).put("detail", check.detail())
                    .put("durationMillis", round(check.durationNanos() / 1e6)).put("atEpochMillis", check.atEpochMillis());
        }
        return node;
    }

    private static ObjectNode figures(TrafficFigures f) {
        return Exchanges.JSON.createObjectNode()
                .put("requestRate", round(f.requestsPerSecond()))
                .put("errorRate", round(f.errorsPerSecond()))
                .put("errorRatio", round(f.errorRatio()))
                .put("p50Millis", round(f.p50Millis()))
                .put("p95Millis", round(f.p95Millis()))
                .put("p99Millis", round(f.p99Millis()));
    }

    /** Three decimals: enough for rates and milliseconds, and short JSON. */
    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
