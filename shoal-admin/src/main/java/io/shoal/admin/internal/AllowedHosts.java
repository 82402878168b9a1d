package io.shoal.admin.internal;

import io.shoal.config.internal.Addresses;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The names a request's {@code Host} header may carry for the admin endpoint to answer it without the token: the
 * defence against DNS rebinding, where a web page re-points its own name at 127.0.0.1 and then reads the admin
 * endpoint as if it were its own origin. Such a request always names the page's host. An IP address, a
 * {@code localhost} name (RFC 6761) or a name configured here never is one, so those pass whatever the port, as
 * Vite's {@code server.allowedHosts} and webpack-dev-server's {@code allowedHosts} decide. Immutable.
 */
public final class AllowedHosts {
    private final Set<String> names;

    private AllowedHosts(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** @param names host names without port, in any case */
    public static AllowedHosts of(Collection<String> names) {
        Set<String> lower = new HashSet<>();
        names.forEach(name -> lower.add(canonical(name)));
        return new AllowedHosts(lower);
    }

    /** These names and {@code name} too. */
    public AllowedHosts and(String name) {
        Set<String> more = new HashSet<>(names);
        more.add(canonical(name));
        return new AllowedHosts(more);
    }

    /**
     * @param host the request's {@code Host} header, or null: a request without one names no host a page could
     *     have re-pointed (browsers always send it)
     */
    public boolean allows(String host) {
        if (host == null) {
            return true;
        }
        String value = host.strip();
        if (value.startsWith("[")) {
            return true; // an IPv6 address: no DNS name looks like one
        }
        int colon = value.lastIndexOf(':');
        String name = canonical(colon < 0 ? value : value.substring(0, colon));
        return Addresses.isIpv4(name) || name.equals("localhost") || name.endsWith(".localhost")
                || names.contains(name);
    }

    /** Lower case, without the root's trailing dot: {@code Localhost.} is {@code localhost}. */
    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
