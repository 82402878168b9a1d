package io.shoal.config;

import java.util.List;

/**
 * TLS termination on a listener (nginx {@code listen 443 ssl}, HAProxy {@code bind :443 ssl crt}).
 *
 * @param certificates one or more; SNI picks one by its names, the first serves clients whose name none has
 * @param protocols TLS versions offered, e.g. {@code TLSv1.3}
 * @param ciphers cipher suites for TLS 1.2 and below, IANA names ({@code TLS_ECDHE_...}) or OpenSSL names
 */
public record TlsConfig(List<CertificateConfig> certificates, List<String> protocols, List<String> ciphers) {

    public TlsConfig {
        certificates = List.copyOf(certificates);
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
    }

    /** The given certificates with the default protocols and ciphers. */
    public static TlsConfig of(List<CertificateConfig> certificates) {
        return new TlsConfig(certificates, Defaults.TLS_PROTOCOLS, Defaults.TLS_CIPHERS);
    }
}
