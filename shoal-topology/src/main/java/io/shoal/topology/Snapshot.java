package io.shoal.topology;

import io.shoal.config.PolicyConfig;
import java.util.List;
import java.util.Map;

/**
 * The immutable topology the data plane reads: services and, per listener, its ordered routes.
 * A request keeps the snapshot it started with, so a change never affects a request in flight.
 */
public final class Snapshot {
    private final Map<String, Service> services;
    private final List<List<Route>> routesByListener;
    private final List<List<PolicyConfig>> policiesByListener;

    Snapshot(Map<String, Service> services, List<List<Route>> routesByListener,
             List<List<PolicyConfig>> policiesByListener) {
        this.services = Map.copyOf(services);
        this.routesByListener = List.copyOf(routesByListener);
        this.policiesByListener = List.copyOf(policiesByListener);
    }

    public Map<String, Service> services() {
        return services;
    }

    public Service service(String name) {
        return services.get(name);
    }

    /** The policies of the listener at {@code listenerIndex}, applied before its routes'. */
    public List<PolicyConfig> listenerPolicies(int listenerIndex) {
        return policiesByListener.get(listenerIndex);
    }

    /** Routes of the listener at {@code listenerIndex} in configuration order. */
    public List<Route> routes(int listenerIndex) {
        return routesByListener.get(listenerIndex);
    }
}
