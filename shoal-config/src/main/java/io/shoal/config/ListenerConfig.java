package io.shoal.config;

import java.util.List;
import java.util.Optional;

/**
 * One bind address and the routes tried, in order, for each request it accepts.
 *
 * @param tls TLS termination, or empty for plain HTTP
 * @param redirect on a plain listener, a redirect to HTTPS that answers every request (then there are no routes)
 * @param hsts on a TLS listener, the Strict-Transport-Security field set on every response
 * @param http2 whether clients may speak HTTP/2: on a TLS listener offered by ALPN beside HTTP/1.1, on a
 *     plain one taken with prior knowledge (h2c) beside HTTP/1.1, as nginx's {@code http2 on}
 * @param policies applied to every request of the listener, in order, before its route's
 */
public record ListenerConfig(HostPort address, List<RouteConfig> routes, Optional<TlsConfig> tls,
                             Optional<RedirectConfig> redirect, Optional<HstsConfig> hsts, boolean http2,
                             List<PolicyConfig> policies) {

    public ListenerConfig {
        routes = List.copyOf(routes);
        policies = List.copyOf(policies);
    }

    /** Without policies of its own. */
    public ListenerConfig(HostPort address, List<RouteConfig> routes, Optional<TlsConfig> tls,
                          Optional<RedirectConfig> redirect, Optional<HstsConfig> hsts, boolean http2) {
        this(address, routes, tls, redirect, hsts, http2, List.of());
    }

    /** HTTP/2 where it is on by default: on TLS listeners. */
    public ListenerConfig(HostPort address, List<RouteConfig> routes, Optional<TlsConfig> tls,
                          Optional<RedirectConfig> redirect, Optional<HstsConfig> hsts) {
        this(address, routes, tls, redirect, hsts, tls.isPresent());
    }

    /** A listener that routes its requests. */
    public ListenerConfig(HostPort address, List<RouteConfig> routes, Optional<TlsConfig> tls) {
        this(address, routes, tls, Optional.empty(), Optional.empty());
    }

    /** A plain-HTTP listener. */
    public ListenerConfig(HostPort address, List<RouteConfig> routes) {
        this(address, routes, Optional.empty());
    }
}
