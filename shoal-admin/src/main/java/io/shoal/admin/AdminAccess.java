package io.shoal.admin;

import io.shoal.proxy.TrustedProxies;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who may use the admin endpoint. A client outside {@code allow} is refused everything (403), as nginx's
 * {@code allow 127.0.0.1; deny all;}. Within it, reading ({@code GET}, {@code HEAD}) is open to loopback
 * clients; everything else, and reading from beyond loopback, needs {@code Authorization: Bearer TOKEN}
 * (401 without it or with a wrong one). Immutable.
 */
public final class AdminAccess {
    /** The answer: 0 when allowed, else the status to refuse with. */
    public static final int ALLOWED = 0;

    private final byte[] token;
    private final boolean configured;
    private final List<String> allow;
    private final TrustedProxies allowed;

    private AdminAccess(String token, boolean configured, List<String> allow) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be empty");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.configured = configured;
        this.allow = List.copyOf(allow);
        this.allowed = TrustedProxies.parse(allow);
    }

    /**
     * @param token the bearer token
     * @param configured the user chose the token (admin.token or admin.token_file) rather than Shoal
     *     generating it: only then may the endpoint listen beyond loopback
     * @param allow client IP addresses and CIDR ranges allowed at all, validated already
     */
    public static AdminAccess of(String token, boolean configured, List<String> allow) {
        return new AdminAccess(token, configured, allow);
    }

    public boolean tokenConfigured() {
        return configured;
    }

    /**
     * @param changing the request changes something (any method but GET and HEAD)
     * @param authorization the request's {@code Authorization} header, or null
     * @return {@link #ALLOWED}, 401 or 403
     */
    public int check(InetAddress client, boolean changing, String authorization) {
        if (!allowed.contains(client)) {
            return 403;
        }
        if (!changing && client.isLoopbackAddress()) {
            return ALLOWED;
        }
        return carriesToken(authorization) ? ALLOWED : 401;
    }

    /** Why {@link #check} refused, for the person who sent the request. */
    public String reason(InetAddress client, int status) {
        return status == 403
                ? "client " + client.getHostAddress() + " is not in admin.allow " + allow
                : "this needs the admin token: send 'Authorization: Bearer TOKEN' (the token is in .shoal/admin-token, "
                        + "or admin.token in the configuration)";
    }

    private boolean carriesToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token); // constant time: no guessing the token byte by byte
    }
}
