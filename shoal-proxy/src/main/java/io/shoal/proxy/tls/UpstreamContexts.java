package io.shoal.proxy.tls;

import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.UpstreamTlsConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contexts of TLS to the services' servers, one per distinct {@code tls} block. They are built off the
 * event loops, at start and again at each reload (which reads the {@code ca} files again), and published
 * whole by one volatile write; event loops only look them up, so no file is ever read on the data plane.
 * A reload replaces the contexts of the blocks it has and keeps those of blocks it no longer has, for
 * requests that still carry an older snapshot's; as each reload publishes its contexts before its topology
 * snapshot, every block a request can carry has one.
 */
public final class UpstreamContexts {
    /** Built for a configuration, not yet published. */
    static final class Built {
        private final Map<UpstreamTlsConfig, UpstreamTls> contexts;
        private final Map<UpstreamTlsConfig, String> services;

        private Built(Map<UpstreamTlsConfig, UpstreamTls> contexts, Map<UpstreamTlsConfig, String> services) {
            this.contexts = Map.copyOf(contexts);
            this.services = services;
        }
    }

    private final TlsProvider provider;
    /** Immutable; replaced whole. */
    private volatile Map<UpstreamTlsConfig, UpstreamTls> published;

    private UpstreamContexts(TlsProvider provider, Built built) {
        this.provider = provider;
        this.published = built.contexts;
    }

    /** @throws IllegalArgumentException naming the service, the {@code ca} file and the problem */
    public static UpstreamContexts of(ShoalConfig config, TlsProvider provider) {
        return new UpstreamContexts(provider, build(config, provider));
    }

    /** The context of {@code config}, a block of a configuration published to the topology. Any thread. */
    public UpstreamTls get(UpstreamTlsConfig config) {
        return published.get(config);
    }

    /** Reads the {@code ca} files of {@code next}; publishes nothing. */
    Built build(ShoalConfig next) {
        return build(next, provider);
    }

    /** @return one line per service whose trusted certificates changed */
    List<String> publish(Built built) {
        Map<UpstreamTlsConfig, UpstreamTls> next = new HashMap<>(published);
        List<String> changes = new ArrayList<>();
        built.contexts.forEach((config, tls) -> {
            UpstreamTls old = next.put(config, tls);
            if (old != null && !old.trusted().equals(tls.trusted())) {
                changes.add("services." + built.services.get(config) + ".tls.ca: new certificates "
                        + tls.describeTrusted());
            }
        });
        published = Map.copyOf(next);
        return changes;
    }

    private static Built build(ShoalConfig config, TlsProvider provider) {
        Map<UpstreamTlsConfig, UpstreamTls> contexts = new HashMap<>();
        Map<UpstreamTlsConfig, String> services = new HashMap<>();
        for (ServiceConfig service : config.services().values()) {
            UpstreamTlsConfig tls = service.tls();
            if (tls != null && !contexts.containsKey(tls)) {
                try {
                    contexts.put(tls, UpstreamTls.of(tls, provider));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("services." + service.name() + ".tls: " + e.getMessage(), e);
                }
                services.put(tls, service.name());
            }
        }
        return new Built(contexts, services);
    }
}
