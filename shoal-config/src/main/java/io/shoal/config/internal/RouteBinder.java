package io.shoal.config.internal;

import io.shoal.config.PolicyConfig;
import io.shoal.config.RouteConfig.WeightedService;
import io.shoal.config.RouteConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a listener's {@code routes}: matches ({@code host}, {@code path}, {@code headers}) and either
 * one {@code service} or a weighted {@code split}. Host names are lower-cased here, once, because
 * Host matching is case-insensitive (RFC 9110 section 4.2.3).
 */
final class RouteBinder {
    private RouteBinder() {}

    static List<RouteConfig> routes(Section listener) {
        Binding binding = listener.binding();
        return binding.items(listener.child("routes"), listener.list("routes"),
                (path, node) -> binding.section(path, node).flatMap(RouteBinder::route));
    }

    private static Optional<RouteConfig> route(Section s) {
        String host = s.text("host").map(h -> h.toLowerCase(Locale.ROOT)).orElse(null);
        String prefix = s.text("path").orElse("/");
        Map<String, String> headers = s.textMap("headers");
        boolean strip = s.bool("strip_prefix", false);
        List<PolicyConfig> policies = PolicyBinder.policies(s);
        boolean answered = policies.stream().anyMatch(PolicyConfig::answersAll);
        Optional<List<WeightedService>> backends = answered && !s.has("service") && !s.has("split")
                ? Optional.of(List.of()) : backends(s);
        s.finish();
        return backends.map(b -> new RouteConfig(host, prefix, headers, strip, b, policies));
    }

    private static Optional<List<WeightedService>> backends(Section s) {
        boolean single = s.has("service");
        boolean split = s.has("split");
        Optional<String> service = s.text("service");
        List<WeightedService> shares = split(s);
        if (single && split) {
            s.binding().problems().add(s.child("split"), "a route has either service or split, not both");
            return Optional.empty();
        }
        if (!single && !split) {
            s.binding().problems().add(s.child("service"), "required key is missing (or use split)");
            return Optional.empty();
        }
        return single ? service.map(name -> List.of(new WeightedService(name, 1))) : Optional.of(shares);
    }

    /** Validation names a one-way split's entry as the route's {@code service}; it is reported where it was written. */
    private static List<WeightedService> split(Section s) {
        Binding binding = s.binding();
        List<WeightedService> shares = binding.items(s.child("split"), s.list("split"),
                (path, node) -> binding.section(path, node).flatMap(RouteBinder::share));
        if (shares.size() == 1) {
            String only = binding.lines().resolve(KeyPaths.item(s.child("split"), 0));
            binding.lines().alias(s.child("service"), only + ".service");
            binding.lines().alias(s.child("weight"), only + ".weight");
        }
        return shares;
    }

    private static Optional<WeightedService> share(Section s) {
        Optional<String> service = s.required("service", text -> text);
        int weight = s.integer("weight", 1);
        s.finish();
        return service.map(name -> new WeightedService(name, weight));
    }
}
