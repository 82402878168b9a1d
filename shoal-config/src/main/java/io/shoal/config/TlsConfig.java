package io.shoal.config;

import java.nio.file.Path;
import java.time.Duration;
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
 * @param sessionTickets whether clients are given session tickets to resume with (nginx {@code ssl_session_tickets})
 * @param sessionTimeout how long a session can be resumed (nginx {@code ssl_session_timeout})
 */
public record TlsConfig(List<CertificateConfig> certificates, List<String> protocols, List<String> ciphers,
                        ClientAuth clientAuth, Path clientCa, SessionTickets sessionTickets, Duration sessionTimeout) {

    public TlsConfig {
        certificates = List.copyOf(certificates);
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
    }

    /** The given certificates with the default protocols and ciphers, and no client certificates. */
    public static TlsConfig of(List<CertificateConfig> certificates) {
        return new TlsConfig(certificates, Defaults.TLS_PROTOCOLS, Defaults.TLS_CIPHERS, Defaults.TLS_CLIENT_AUTH, null,
                Defaults.TLS_SESSION_TICKETS, Defaults.TLS_SESSION_TIMEOUT);
    }

    /** The same, with client certificates signed by a CA of {@code clientCa} asked for as {@code clientAuth} says. */
    public TlsConfig withClientAuth(ClientAuth clientAuth, Path clientCa) {
        return new TlsConfig(certificates, protocols, ciphers, clientAuth, clientCa, sessionTickets, sessionTimeout);
    }

    /** The same, with session tickets as {@code sessionTickets} says. */
    public TlsConfig withSessionTickets(SessionTickets sessionTickets) {
        return new TlsConfig(certificates, protocols, ciphers, clientAuth, clientCa, sessionTickets, sessionTimeout);
    }

    /** Session resumption by tickets (RFC 5077, and TLS 1.3's tickets). */
    public enum SessionTickets {
        /** Tickets are handed out, sealed with keys that Shoal makes and rotates itself. */
        ON,
        /** None: every new connection makes a full handshake. */
        OFF
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
