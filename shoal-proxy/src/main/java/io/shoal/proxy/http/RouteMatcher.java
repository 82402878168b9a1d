package io.shoal.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.shoal.topology.Route;
import java.util.List;
import java.util.function.Function;

/**
 * Finds the first route of a listener that matches a request: host, path prefix, headers. One per client
 * connection, so that the header lookup function the routes call is made once, not per request.
 */
final class RouteMatcher {
    /** The headers of the request being routed, for {@link #header}. */
    private HttpHeaders routedHeaders;
    private final Function<String, String> header = name -> routedHeaders.get(name);

    /** The matching route, or null. The Host is parsed only when a route matches on it: most configurations have none. */
    Route match(List<Route> routes, HttpRequest request, String path) {
        routedHeaders = request.headers();
        try {
            String host = null;
            for (int i = 0; i < routes.size(); i++) {
                Route route = routes.get(i);
                if (host == null && route.config().host() != null) {
                    host = HostHeader.hostName(routedHeaders.get(HttpHeaderNames.HOST));
                }
                if (route.matches(host, path, header)) {
                    return route;
                }
            }
            return null;
        } finally {
            routedHeaders = null;
        }
    }
}
