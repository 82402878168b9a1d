package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.admin.AdminSources;
import io.shoal.replicas.ResourceSample;
import io.shoal.topology.TrafficSampler;
import io.shoal.topology.TrafficSecond;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the dashboard's stream sends. A {@code tick}, once a second: the bodies of {@code GET /api/v1/services},
 * {@code GET /api/v1/replicas} and {@code GET /api/v1/events} and the listeners of {@code GET /api/v1/listeners}
 * (the same builders), each service's newest per-second samples from the {@link TrafficSampler}, each replica's
 * newest CPU and memory samples and Shoal's own. A {@code history}, to a client that just connected: every sample of those that is kept, and the replicas
 * desired and ready of each {@code run} service as the ticks saw them.
 *
 * <p>Figures sampled on another timer (traffic, replica CPU and memory) go out as the samples themselves, each
 * with its own time, a few in every tick: a point read of "the newest" at the tick's own time would send one
 * sample twice and miss the next whenever the two timers run close to each other.
 *
 * <p>Threading: used by the stream's one thread only.
 */
final class StreamFigures {
    /** Samples per service in a tick: a few, so that a tick that comes late or early skips none. */
    static final int RECENT_SECONDS = 3;

    private final AdminSources sources;
    private final TopologyRoutes topology;
    private final ShoalProcessFigures shoal;
    /** Replicas desired and ready per run service, oldest first; no other component keeps them over time. */
    private final Map<String, ArrayDeque<ReplicaCount>> replicaCounts = new LinkedHashMap<>();

    private record ReplicaCount(long atEpochMillis, int desired, int ready) {}

    StreamFigures(AdminSources sources) {
        this.sources = sources;
        this.topology = new TopologyRoutes(sources);
        this.shoal = new ShoalProcessFigures(sources.connections());
    }

    ObjectNode tick(long nowEpochMillis) {
        ObjectNode services = topology.servicesJson();
        remember(services, nowEpochMillis);
        ObjectNode body = Exchanges.JSON.createObjectNode().put("atEpochMillis", nowEpochMillis);
        body.set("services", services);
        body.set("listeners", ListenerJson.listenersJson(sources.connections().listeners(), sources.tls(),
                Instant.ofEpochMilli(nowEpochMillis)).get("listeners"));
        body.set("replicas", ReplicaRoutes.replicasJson(sources.replicas()));
        body.set("seconds", seconds(RECENT_SECONDS));
        body.set("usage", usage(RECENT_SECONDS));
        shoal.sample(nowEpochMillis);
        body.set("shoal", shoal.last(RECENT_SECONDS));
        body.set("events", EventRoutes.eventsJson(sources.events(), null, 0, false));
        return body;
    }

    ObjectNode history(long nowEpochMillis) {
        ObjectNode body = Exchanges.JSON.createObjectNode().put("atEpochMillis", nowEpochMillis);
        body.set("seconds", seconds(TrafficSampler.HISTORY_SECONDS));
        body.set("usage", usage(TrafficSampler.HISTORY_SECONDS));
        body.set("shoal", shoal.last(TrafficSampler.HISTORY_SECONDS));
        ObjectNode counts = body.putObject("replicaCounts");
        replicaCounts.forEach((service, series) -> {
            ArrayNode list = counts.putArray(service);
            for (ReplicaCount c : series) {
                list.addObject().put("atEpochMillis", c.atEpochMillis()).put("desired", c.desired())
                        .put("ready", c.ready());
            }
        });
        return body;
    }

    /** Each service's last {@code limit} per-second samples, oldest first. */
    private ObjectNode seconds(int limit) {
        ObjectNode byService = Exchanges.JSON.createObjectNode();
        for (String name : sources.topology().current().services().keySet()) {
            List<TrafficSecond> history = sources.traffic().serviceHistory(name);
            ArrayNode list = byService.putArray(name);
            for (TrafficSecond s : history.subList(Math.max(0, history.size() - limit), history.size())) {
                list.addObject().put("atEpochMillis", s.atEpochMillis())
                        .put("requestRate", ServiceJson.round(s.requestsPerSecond()))
                        .put("errorRate", ServiceJson.round(s.errorsPerSecond()))
                        .put("p50Millis", ServiceJson.round(s.p50Millis()))
                        .put("p95Millis", ServiceJson.round(s.p95Millis()))
                        .put("p99Millis", ServiceJson.round(s.p99Millis()));
            }
        }
        return byService;
    }

    /** Each running replica's last {@code limit} CPU and memory samples, oldest first. */
    private ObjectNode usage(int limit) {
        ObjectNode byReplica = Exchanges.JSON.createObjectNode();
        sources.replicas().resourceHistory().forEach((id, samples) -> {
            ArrayNode list = byReplica.putArray(id);
            for (ResourceSample s : samples.subList(Math.max(0, samples.size() - limit), samples.size())) {
                list.addObject().put("atEpochMillis", s.atEpochMillis())
                        .put("cpuPercent", ServiceJson.round(s.cpuPercent())).put("rssBytes", s.rssBytes());
            }
        });
        return byReplica;
    }

    /** Keeps the replica figures of this tick's services JSON, so that a new client sees them over time. */
    private void remember(ObjectNode services, long at) {
        Set<String> present = new HashSet<>();
        for (JsonNode service : services.path("services")) {
            JsonNode replicas = service.path("replicas");
            if (!replicas.isObject()) {
                continue;
            }
            String name = service.path("name").asText();
            present.add(name);
            ArrayDeque<ReplicaCount> series = replicaCounts.computeIfAbsent(name, n -> new ArrayDeque<>());
            series.addLast(new ReplicaCount(at, replicas.path("desired").asInt(), replicas.path("ready").asInt()));
            while (series.size() > TrafficSampler.HISTORY_SECONDS) {
                series.removeFirst();
            }
        }
        replicaCounts.keySet().retainAll(present);
    }
}
