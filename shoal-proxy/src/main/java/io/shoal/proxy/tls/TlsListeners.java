package io.shoal.proxy.tls;

import io.shoal.config.ListenerConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TlsConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The TLS side of every listener, and of the connections to the services' servers ({@link UpstreamContexts}):
 * built at start, and built again from the files at each reload, where all contexts are built before any is
 * swapped in, so that a certificate that cannot be read leaves every listener and service using what it used.
 */
public final class TlsListeners {
    private final TlsProvider provider;
    private final Map<Integer, ListenerTls> byListener = new LinkedHashMap<>();
    private final UpstreamContexts upstream;
    private volatile List<String> warnings;
    private ShoalConfig applied;

    private TlsListeners(TlsProvider provider, ShoalConfig config, Map<Integer, ServerTls> built,
                         UpstreamContexts upstream) {
        this.provider = provider;
        this.applied = config;
        this.upstream = upstream;
        built.forEach((listener, tls) -> byListener.put(listener, new ListenerTls(tls)));
        this.warnings = warnings(built);
    }

    /** @throws IllegalArgumentException naming the listener or service, the file and the problem */
    public static TlsListeners of(ShoalConfig config, TlsProvider provider) {
        return new TlsListeners(provider, config, build(config, provider), UpstreamContexts.of(config, provider));
    }

    /** The listener's TLS, or empty for a plain-HTTP listener. */
    public Optional<ListenerTls> listener(int index) {
        return Optional.ofNullable(byListener.get(index));
    }

    /** The contexts of TLS to the services' servers, for the upstream pools. */
    public UpstreamContexts upstream() {
        return upstream;
    }

    /**
     * Reads the certificates of {@code next} (whose listeners are the same as at start) and the {@code ca}
     * files of its services, and swaps them in.
     *
     * @return what changed, one line per listener or service whose certificates did
     * @throws IllegalArgumentException naming the listener or service, the file and the problem; then nothing changed
     */
    public synchronized List<String> reload(ShoalConfig next) {
        Map<Integer, ServerTls> built = build(next, provider);
        UpstreamContexts.Built servers = upstream.build(next);
        List<String> changes = new ArrayList<>();
        built.forEach((listener, tls) -> {
            ListenerTls slot = byListener.get(listener);
            if (!slot.current().leaves().equals(tls.leaves())) {
                changes.add("listeners[" + listener + "].tls: new certificates " + tls.describeLeaves());
            }
            if (!slot.current().clientCas().equals(tls.clientCas())) {
                changes.add("listeners[" + listener + "].tls.client_ca: new certificates "
                        + Validity.describe(tls.clientCas()));
            }
            slot.replace(tls);
        });
        changes.addAll(upstream.publish(servers));
        warnings = warnings(built);
        applied = next;
        return changes;
    }

    /** Seals new session tickets with a new key on every listener, keeping the ones still needed to open tickets. */
    public synchronized void rotateTicketKeys() {
        byListener.values().forEach(ListenerTls::rotateTicketKeys);
    }

    /** Reads the files of the configuration last applied again, as {@link #reload} does. */
    public synchronized List<String> reread() {
        return reload(applied);
    }

    /** The certificate, key and client CA files of the configuration last applied. */
    public synchronized List<Path> files() {
        return applied.listeners().stream().flatMap(l -> l.tls().stream())
                .flatMap(tls -> Stream.concat(tls.certificates().stream().flatMap(c -> Stream.of(c.cert(), c.key())),
                        Stream.ofNullable(tls.clientCa()))).toList();
    }

    /** A certificate being served now, for the expiry figures: its subject, the host names it answers for. */
    public record Served(int listener, String subject, List<String> names, Instant notAfter) {}

    /** Every listener's certificates as served now (after the last start or reload), in configuration order. */
    public List<Served> served() {
        List<Served> served = new ArrayList<>();
        byListener.forEach((listener, tls) -> tls.current().leaves().forEach(leaf -> served.add(new Served(listener,
                leaf.getSubjectX500Principal().getName(), CertificateNames.of(leaf), leaf.getNotAfter().toInstant()))));
        return served;
    }

    /** Which implementation runs, for the start line; empty when no listener has TLS. */
    public Optional<String> providerName() {
        return byListener.isEmpty() ? Optional.empty() : Optional.of(provider.describe());
    }

    /** Certificates served although clients will refuse them, as of the last start or reload. */
    public List<String> warnings() {
        return warnings;
    }

    private static Map<Integer, ServerTls> build(ShoalConfig config, TlsProvider provider) {
        Map<Integer, ServerTls> built = new LinkedHashMap<>();
        for (int i = 0; i < config.listeners().size(); i++) {
            ListenerConfig listener = config.listeners().get(i);
            Optional<TlsConfig> tls = listener.tls();
            if (tls.isPresent()) {
                try {
                    built.put(i, ServerTls.of(tls.get(), provider,
                            listener.http2() ? ServerTls.HTTP_2_AND_1_1 : ServerTls.HTTP_1_1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("listeners[" + i + "].tls: " + e.getMessage(), e);
                }
            }
        }
        return built;
    }

    private static List<String> warnings(Map<Integer, ServerTls> built) {
        return built.values().stream().flatMap(tls -> tls.warnings().stream()).toList();
    }
}
