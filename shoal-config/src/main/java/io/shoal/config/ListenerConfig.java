package io.shoal.config;

import java.util.List;

/**
 * One bind address and the routes tried, in order, for each request it accepts.
 */
public record ListenerConfig(HostPort address, List<RouteConfig> routes) {

    public ListenerConfig {
        routes = List.copyOf(routes);
    }
}
