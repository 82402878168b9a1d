package io.shoal.topology;

import io.shoal.config.RouteConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A compiled route: its match, and the service (or weighted services, for a canary split) it sends to.
 */
public final class Route {
    private final RouteConfig config;
    private final Service[] services;
    /** Cumulative split weights, parallel to {@code services}. */
    private final int[] cumulativeWeights;

    Route(RouteConfig config, Map<String, Service> servicesByName) {
        this.config = config;
        List<RouteConfig.WeightedService> backends = config.backends();
        this.services = new Service[backends.size()];
        this.cumulativeWeights = new int[backends.size()];
        int total = 0;
        for (int i = 0; i < services.length; i++) {
            services[i] = servicesByName.get(backends.get(i).service());
            total += backends.get(i).weight();
            cumulativeWeights[i] = total;
        }
    }

    public RouteConfig config() {
        return config;
    }

    /**
     * @param host the request's Host without port, lower case; read only when this route matches on a host
     * @param header looks a request header up by name, null when absent
     */
    public boolean matches(String host, String path, Function<String, String> header) {
        if (config.host() != null && !config.host().equalsIgnoreCase(host)) {
            return false;
        }
        if (!path.startsWith(config.pathPrefix())) {
            return false;
        }
        for (Map.Entry<String, String> expected : config.headers().entrySet()) {
            if (!expected.getValue().equals(header.apply(expected.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The service for one request: the only one, or one drawn by split weight. */
    public Service chooseService() {
        if (services.length == 1) {
            return services[0];
        }
        int draw = ThreadLocalRandom.current().nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; i < services.length; i++) {
            if (draw < cumulativeWeights[i]) {
                return services[i];
            }
        }
        return services[services.length - 1];
    }

    /** The path to forward: with the matched prefix removed when {@code strip_prefix} is on. */
    public String rewritePath(String path) {
        if (!config.stripPrefix() || "/".equals(config.pathPrefix())) {
            return path;
        }
        String rest = path.substring(config.pathPrefix().length());
        return rest.startsWith("/") ? rest : "/" + rest;
    }
}
