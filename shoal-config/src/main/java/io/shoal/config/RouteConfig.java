package io.shoal.config;

import java.util.List;
import java.util.Map;

/**
 * Sends the requests that match to one service, or splits them between services by weight (canary).
 *
 * @param host exact Host to match (port ignored), or null for any
 * @param pathPrefix path prefix to match; "/" matches everything
 * @param headers header values that must all be present, compared exactly
 * @param stripPrefix remove {@code pathPrefix} before forwarding, as nginx {@code proxy_pass http://up/;}
 * @param backends one service, or several with weights for a split
 * @param policies applied to each request in this order before a server is chosen
 */
public record RouteConfig(
        String host,
        String pathPrefix,
        Map<String, String> headers,
        boolean stripPrefix,
        List<WeightedService> backends,
        List<PolicyConfig> policies) {

    public RouteConfig {
        headers = Map.copyOf(headers);
        backends = List.copyOf(backends);
        policies = List.copyOf(policies);
    }

    /** A route without policies. */
    public RouteConfig(String host, String pathPrefix, Map<String, String> headers, boolean stripPrefix,
                       List<WeightedService> backends) {
        this(host, pathPrefix, headers, stripPrefix, backends, List.of());
    }

    /** Every request to one service: the route used when a listener lists none and there is one service. */
    public static RouteConfig catchAll(String service) {
        return new RouteConfig(null, "/", Map.of(), false, List.of(new WeightedService(service, 1)));
    }

    /** A service and its share of a route's traffic. */
    public record WeightedService(String service, int weight) {}
}
