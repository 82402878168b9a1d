package io.shoal.config;

import java.util.List;
import java.util.Optional;

/**
 * One bind address and the routes tried, in order, for each request it accepts.
 *
 * @param tls TLS termination, or empty for plain HTTP
 */
public record ListenerConfig(HostPort address, List<RouteConfig> routes, Optional<TlsConfig> tls) {

    public ListenerConfig {
        routes = List.copyOf(routes);
    }

    /** A plain-HTTP listener. */
    public ListenerConfig(HostPort address, List<RouteConfig> routes) {
        this(address, routes, Optional.empty());
    }
}
