package io.shoal.admin.internal;

import io.shoal.proxy.tls.TlsListeners;

/**
 * When each certificate being served expires, as seconds from now (negative once expired), so that an
 * alert such as {@code shoal_tls_certificate_expiry_seconds < 14 * 86400} catches a renewal that did not
 * happen (Traefik's {@code traefik_tls_certs_not_after}, as a time left).
 */
final class TlsMetrics {
    private TlsMetrics() {}

    static void write(PrometheusWriter w, TlsListeners tls, long nowMillis) {
        w.family("shoal_tls_certificate_expiry_seconds", "gauge",
                "Seconds until a served certificate expires (negative once it has), by listener and subject.");
        for (TlsListeners.Served served : tls.served()) {
            w.sample("shoal_tls_certificate_expiry_seconds", (served.notAfter().toEpochMilli() - nowMillis) / 1000,
                    "listener", Integer.toString(served.listener()), "subject", served.subject());
        }
    }
}
