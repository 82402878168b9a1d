package io.shoal.config;

import java.nio.file.Path;

/**
 * TLS on the connections to a service's servers (nginx {@code proxy_pass https://}, HAProxy
 * {@code server ... ssl}, Traefik's serversTransport).
 *
 * @param verify whether the server's certificate must chain to {@code ca} and name {@code serverName}
 * @param ca PEM file of the certificates trusted to sign the servers' ones, or null for the JDK's trusted roots
 * @param serverName the name sent by SNI and checked in the certificate, or null for each server's own host
 *     name (none for an IP literal)
 */
public record UpstreamTlsConfig(Verify verify, Path ca, String serverName) {

    /** Whether the server's certificate is checked; checking it is the default, as in HAProxy 2.x. */
    public enum Verify { REQUIRED, NONE }

    /** {@code tls: true}: the server's certificate checked against the JDK's trusted roots and its host name. */
    public static UpstreamTlsConfig defaults() {
        return new UpstreamTlsConfig(Defaults.UPSTREAM_TLS_VERIFY ? Verify.REQUIRED : Verify.NONE, null, null);
    }
}
