package io.shoal.config;

import java.util.List;

/**
 * The admin endpoint: the REST API, {@code /metrics} and {@code /status}.
 *
 * @param listen the address to listen on, or null when not written: then {@link Defaults#ADMIN_PORT} on
 *     127.0.0.1, moved to a free port when taken
 * @param token the bearer token changing requests must carry, or null
 * @param tokenFile a file holding that token, or null; without either, Shoal generates one into
 *     {@code .shoal/admin-token}
 * @param allow client addresses and CIDR ranges allowed at all (nginx {@code allow ...; deny all})
 * @param allowedHosts host names, beyond IP addresses and localhost, that requests without the token may name
 *     in {@code Host}; others get 421, so that a web page re-pointing its own name at Shoal cannot read it
 */
public record AdminConfig(HostPort listen, String token, String tokenFile, List<String> allow,
                          List<String> allowedHosts) {

    public AdminConfig {
        allow = List.copyOf(allow);
        allowedHosts = List.copyOf(allowedHosts);
    }

    public static AdminConfig defaults() {
        return new AdminConfig(null, null, null, Defaults.ADMIN_ALLOW, Defaults.ADMIN_ALLOWED_HOSTS);
    }

    /** The token was configured (not generated): required for an admin address beyond loopback. */
    public boolean hasToken() {
        return token != null || tokenFile != null;
    }
}
