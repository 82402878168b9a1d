package io.shoal.admin;

import io.shoal.admin.internal.AllowedHosts;
import io.shoal.proxy.net.AddressRanges;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who may use the admin endpoint. A client outside {@code allow} is refused everything (403), as nginx's
 * {@code allow 127.0.0.1; deny all;}. Within it, reading ({@code GET}, {@code HEAD}) is open to loopback
 * clients; everything else, and reading from beyond loopback, needs {@code Authorization: Bearer TOKEN}
 * (401 without it or with a wrong one). A request without the token must also name the endpoint in its
 * {@code Host} header ({@link AllowedHosts}), or it gets 421 Misdirected Request: a page that re-pointed its own
 * name at the endpoint (DNS rebinding) cannot read it through the browser. Immutable.
 */
public final class AdminAccess {
    /** The answer: 0 when allowed, else the status to refuse with. */
    public static final int ALLOWED = 0;
    /** RFC 9110 section 15.5.20: this endpoint does not answer for the name in {@code Host}. */
    public static final int MISDIRECTED = 421;

    private final byte[] token;
    private final boolean configured;
    private final List<String> allow;
    private final AddressRanges allowed;
    private final AllowedHosts hosts;

    private AdminAccess(String token, boolean configured, List<String> allow, AllowedHosts hosts) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be empty");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.configured = configured;
        this.allow = List.copyOf(allow);
        this.allowed = AddressRanges.parse(allow);
        this.hosts = hosts;
    }

    /**
     * @param token the bearer token
     * @param configured the user chose the token (admin.token or admin.token_file) rather than Shoal
     *     generating it: only then may the endpoint listen beyond loopback
     * @param allow client IP addresses and CIDR ranges allowed at all, validated already
     * @param allowedHosts host names, beyond IP addresses and localhost, that requests without the token may
     *     carry in {@code Host}
     */
    public static AdminAccess of(String token, boolean configured, List<String> allow, List<String> allowedHosts) {
        return new AdminAccess(token, configured, allow, AllowedHosts.of(allowedHosts));
    }

    /** The same, with the name the endpoint was bound by among the allowed hosts. */
    AdminAccess boundAs(String hostName) {
        return new AdminAccess(new String(token, StandardCharsets.UTF_8), configured, allow, hosts.and(hostName));
    }

    public boolean tokenConfigured() {
        return configured;
    }

    /**
     * @param changing the request changes something (any method but GET and HEAD)
     * @param authorization the request's {@code Authorization} header, or null
     * @param host the request's {@code Host} header, or null
     * @return {@link #ALLOWED}, 401, 403 or {@link #MISDIRECTED}
     */
    public int check(InetAddress client, boolean changing, String authorization, String host) {
        if (!allowed.contains(client)) {
            return 403;
        }
        if (carriesToken(authorization)) {
            return ALLOWED; // a page re-pointed by DNS rebinding cannot know the token
        }
        if (!hosts.allows(host)) {
            return MISDIRECTED;
        }
        return !changing && client.isLoopbackAddress() ? ALLOWED : 401;
    }

    /** Why {@link #check} refused, for the person who sent the request. */
    public String reason(InetAddress client, int status, String host) {
        return switch (status) {
            case 403 -> "client " + client.getHostAddress() + " is not in admin.allow " + allow;
            case MISDIRECTED -> "Host '" + host + "' is not a name of this admin endpoint: use its IP address or "
                    + "localhost, add the name to admin.allowed_hosts, or send the admin token";
            default -> "this needs the admin token: send 'Authorization: Bearer TOKEN' (the token is in "
                    + ".shoal/admin-token, or admin.token in the configuration)";
        };
    }

    private boolean carriesToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token); // constant time: no guessing the token byte by byte
    }
}
