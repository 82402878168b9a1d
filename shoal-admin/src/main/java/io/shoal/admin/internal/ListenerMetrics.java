package io.shoal.admin.internal;

import io.shoal.proxy.stats.ListenerStats;
import io.shoal.proxy.tls.Handshakes;
import io.shoal.proxy.tls.TlsListeners;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The per-listener families of {@code /metrics}, with the figures of HAProxy's frontend rows, and the TLS
 * handshakes of the listeners with {@code tls}. Each sample is labelled {@code listener}, the address the
 * listener is bound to.
 */
final class ListenerMetrics {
    private final PrometheusWriter w;
    private final List<ListenerStats> listeners;
    private final TlsListeners tls;

    private ListenerMetrics(PrometheusWriter w, List<ListenerStats> listeners, TlsListeners tls) {
        this.w = w;
        this.listeners = listeners;
        this.tls = tls;
    }

    /** @param listeners in configuration order, as {@code tls} numbers them */
    static void write(PrometheusWriter w, List<ListenerStats> listeners, TlsListeners tls) {
        new ListenerMetrics(w, listeners, tls).write();
    }

    private void write() {
        figure("shoal_listener_sessions", "gauge", "Client connections open now (HAProxy's scur).",
                ListenerStats::sessionsCurrent);
        figure("shoal_listener_sessions_max", "gauge", "The most client connections open at once (HAProxy's smax).",
                ListenerStats::sessionsMax);
        figure("shoal_listener_connections_accepted_total", "counter",
                "Client connections accepted, including those refused past max_connections.", ListenerStats::accepted);
        figure("shoal_listener_requests_total", "counter", "Requests received from clients, malformed ones included.",
                ListenerStats::requests);
        w.family("shoal_listener_responses_total", "counter",
                "Responses sent to clients by status class, Shoal's own answers included.");
        for (ListenerStats listener : listeners) {
            for (int statusClass = 1; statusClass <= 5; statusClass++) {
                w.sample("shoal_listener_responses_total", listener.responses(statusClass),
                        "listener", listener.address(), "code", statusClass + "xx");
            }
        }
        figure("shoal_listener_bytes_in_total", "counter", "Bytes received from clients, heads included.",
                ListenerStats::bytesIn);
        figure("shoal_listener_bytes_out_total", "counter", "Bytes sent to clients, heads included.",
                ListenerStats::bytesOut);
        figure("shoal_listener_denied_requests_total", "counter",
                "Requests refused as malformed, answered without going to a server.", ListenerStats::deniedRequests);
        handshakes("shoal_listener_tls_handshakes_total", "TLS handshakes that succeeded (Envoy's ssl.handshake).",
                Handshakes::succeeded);
        handshakes("shoal_listener_tls_handshake_failures_total", "TLS handshakes that failed: no version or cipher "
                + "in common, a client certificate refused, a client gone or silent mid-handshake.", Handshakes::failed);
    }

    private void handshakes(String name, String help, ToLongFunction<Handshakes> value) {
        w.family(name, "counter", help);
        for (int i = 0; i < listeners.size(); i++) {
            String address = listeners.get(i).address();
            tls.listener(i).ifPresent(listener -> w.sample(name, value.applyAsLong(listener.handshakes()),
                    "listener", address));
        }
    }

    private void figure(String name, String type, String help, ToLongFunction<ListenerStats> value) {
        w.family(name, type, help);
        for (ListenerStats listener : listeners) {
            w.sample(name, value.applyAsLong(listener), "listener", listener.address());
        }
    }
}
