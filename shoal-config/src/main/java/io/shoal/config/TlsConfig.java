package io.shoal.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * TLS termination on a listener (nginx {@code listen 443 ssl}, HAProxy {@code bind :443 ssl crt}).
 *
 * @param certificates one or more; SNI picks one by its names, the first serves clients whose name none has
 * @param protocols TLS versions offered, e.g. {@code TLSv1.3}
 * @param ciphers cipher suites for TLS 1.2 and below, IANA names ({@code TLS_ECDHE_...}) or OpenSSL names
 * @param clientAuth whether clients are asked for a certificate (nginx {@code ssl_verify_client})
 * @param clientCa PEM file of the CAs whose client certificates are accepted; null with {@link ClientAuth#NONE}
 */
public record TlsConfig(List<CertificateConfig> certificates, List<String> protocols, List<String> ciphers,
                        ClientAuth clientAuth, Path clientCa) {

    public TlsConfig {
        certificates = List.copyOf(certificates);
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
    }

    /** The given certificates with the default protocols and ciphers, and no client certificates. */
    public static TlsConfig of(List<CertificateConfig> certificates) {
        return new TlsConfig(certificates, Defaults.TLS_PROTOCOLS, Defaults.TLS_CIPHERS, Defaults.TLS_CLIENT_AUTH, null);
    }

    /** The same, with client certificates signed by a CA of {@code clientCa} asked for as {@code clientAuth} says. */
    public TlsConfig withClientAuth(ClientAuth clientAuth, Path clientCa) {
        return new TlsConfig(certificates, protocols, ciphers, clientAuth, clientCa);
    }

    /** Client-certificate authentication (mutual TLS). */
    public enum ClientAuth {
        /** No certificate is asked for. */
        NONE,
        /** Asked for; a client without one is served, one with a certificate that does not verify is refused. */
        OPTIONAL,
        /** A client without a certificate that verifies is refused at the handshake. */
        REQUIRED;

        /** The name written in the configuration: {@code none}, {@code optional}, {@code required}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
