package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.admin.AdminSources;
import io.shoal.config.ListenerConfig;
import io.shoal.config.RouteConfig;
import io.shoal.replicas.ReplicaView;
import io.shoal.topology.Service;
import io.shoal.topology.TrafficSampler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The reading side of the API: services with their servers and live figures, the listeners' figures and
 * the routes. Figures come from one snapshot and the sampler's last {@link #WINDOW}, so every client sees
 * the same numbers.
 */
public final class TopologyRoutes {
    /** Rates and percentiles are over this window: short enough to follow load, long enough to be steady. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final AdminSources sources;

    public TopologyRoutes(AdminSources sources) {
        this.sources = sources;
    }

    Answer services() {
        return Answer.ok(servicesJson());
    }

    /** The body of {@code GET /api/v1/services}; the dashboard's stream sends the same. */
    ObjectNode servicesJson() {
        ServiceJson json = serviceJson();
        ArrayNode services = Exchanges.JSON.createArrayNode();
        for (Service service : sources.topology().current().services().values()) {
            services.add(json.service(service));
        }
        ObjectNode body = Exchanges.JSON.createObjectNode().put("windowSeconds", WINDOW.toSeconds());
        body.set("services", services);
        return body;
    }

    Answer service(String name) {
        Service service = sources.topology().current().service(name);
        if (service == null) {
            throw new ApiException(404, "no service named " + name);
        }
        ObjectNode body = serviceJson().service(service);
        body.put("windowSeconds", WINDOW.toSeconds());
        return Answer.ok(body);
    }

    Answer listeners() {
        return Answer.ok(ListenerJson.listenersJson(sources.connections().listeners(), sources.tls(),
                Instant.now()));
    }

    Answer routes() {
        ArrayNode listeners = Exchanges.JSON.createArrayNode();
        for (ListenerConfig listener : sources.topology().config().listeners()) {
            ObjectNode node = listeners.addObject().put("listener", listener.address().toString());
            ArrayNode routes = node.putArray("routes");
            for (RouteConfig route : listener.routes()) {
                ObjectNode r = routes.addObject();
                r.put("host", route.host());
                r.put("path", route.pathPrefix());
                r.putPOJO("headers", route.headers());
                r.put("stripPrefix", route.stripPrefix());
                ArrayNode backends = r.putArray("services");
                for (RouteConfig.WeightedService backend : route.backends()) {
                    backends.addObject().put("service", backend.service()).put("weight", backend.weight());
                }
            }
        }
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.set("listeners", listeners);
        return Answer.ok(body);
    }

    private ServiceJson serviceJson() {
        List<ReplicaView> replicas = sources.replicas().replicas();
        Map<String, Integer> desired = sources.replicas().desired();
        TrafficSampler traffic = sources.traffic();
        return new ServiceJson(sources.topology(), traffic, WINDOW, replicas, desired);
    }
}
