package io.shoal.config.internal;

import io.shoal.config.HostPort;
import io.shoal.config.HstsConfig;
import io.shoal.config.ListenerConfig;
import io.shoal.config.PolicyConfig;
import io.shoal.config.RedirectConfig;
import io.shoal.config.RouteConfig;
import io.shoal.config.TlsConfig;
import io.shoal.config.Values;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Binds {@code listeners}. Routes may be left out when there is exactly one service: then the
 * listener gets one catch-all route to it, which is what a one-service setup always means.
 */
final class ListenerBinder {
    private ListenerBinder() {}

    static List<ListenerConfig> listeners(Section top, Set<String> services) {
        Binding binding = top.binding();
        return binding.items(top.child("listeners"), top.list("listeners"),
                (path, node) -> binding.section(path, node).flatMap(s -> listener(s, services)));
    }

    private static Optional<ListenerConfig> listener(Section s, Set<String> services) {
        Optional<HostPort> address = s.required("address", Values::listenAddress);
        Optional<RedirectConfig> redirect = RedirectBinder.redirect(s);
        List<RouteConfig> routes;
        if (redirect.isPresent()) {
            routes = List.of();
        } else if (s.has("routes")) {
            routes = RouteBinder.routes(s);
        } else {
            s.get("routes");
            routes = services.size() == 1 ? List.of(RouteConfig.catchAll(services.iterator().next())) : List.of();
        }
        Optional<TlsConfig> tls = TlsBinder.tls(s);
        Optional<HstsConfig> hsts = HstsBinder.hsts(s);
        boolean http2 = s.bool("http2", tls.isPresent());
        List<PolicyConfig> policies = PolicyBinder.policies(s);
        s.finish();
        return address.map(a -> new ListenerConfig(a, routes, tls, redirect, hsts, http2, policies));
    }
}
