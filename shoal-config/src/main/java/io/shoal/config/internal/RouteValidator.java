package io.shoal.config.internal;

import io.shoal.config.PolicyConfig;
import io.shoal.config.RouteConfig.WeightedService;
import io.shoal.config.RouteConfig;
import java.util.List;
import java.util.Set;

/** Checks one route: what it matches and that every service it sends to exists. */
final class RouteValidator {
    private RouteValidator() {}

    static void validate(RouteConfig route, String path, Set<String> services, ProblemSink sink) {
        if (route.host() != null && !Addresses.isHostname(route.host())) {
            sink.add(path + ".host", "expected a host name without port or scheme, got '" + route.host() + "'");
        }
        if (!route.pathPrefix().startsWith("/")) {
            sink.add(path + ".path", "must start with /, got '" + route.pathPrefix() + "'");
        }
        route.headers().keySet().stream().filter(name -> !Tokens.isToken(name))
                .forEach(name -> sink.add(path + ".headers." + name, "not a valid header name"));
        List<WeightedService> backends = route.backends();
        boolean answered = route.policies().stream().anyMatch(PolicyConfig::answersAll);
        if (backends.isEmpty() && !answered) {
            sink.add(path + ".split", "at least one service is required");
        }
        for (int k = 0; k < backends.size(); k++) {
            String at = backends.size() == 1 ? path : KeyPaths.item(path + ".split", k);
            backend(backends.get(k), at, services, sink);
        }
        policies(route.policies(), path + ".policies", sink);
    }

    /** A route's or a listener's policies: what binding could not check alone. */
    static void policies(List<PolicyConfig> policies, String path, ProblemSink sink) {
        for (int k = 0; k < policies.size(); k++) {
            if (policies.get(k) instanceof PolicyConfig.RateLimit limit) {
                Rules.atLeast(sink, KeyPaths.item(path, k) + ".rate_limit.burst", limit.burst(), 1);
            }
            if (policies.get(k).answersAll() && k < policies.size() - 1) {
                sink.add(KeyPaths.item(path, k + 1), "never runs: the policy before it answers every request");
            }
        }
    }

    private static void backend(WeightedService backend, String path, Set<String> services, ProblemSink sink) {
        if (!services.contains(backend.service())) {
            String known = services.isEmpty() ? "none are defined" : "defined: " + String.join(", ", services);
            sink.add(path + ".service", "no service named '" + backend.service() + "'"
                    + Suggestions.didYouMean(backend.service(), services) + " (" + known + ")");
        }
        Rules.atLeast(sink, path + ".weight", backend.weight(), 1);
    }
}
