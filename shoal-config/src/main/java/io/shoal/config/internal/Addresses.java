package io.shoal.config.internal;

import io.shoal.config.HostPort;
import java.util.regex.Pattern;

/**
 * Syntax of host:port pairs, IP literals and CIDR ranges, checked without any DNS lookup so that
 * loading a configuration never blocks and never depends on the resolver. Port ranges are the
 * validator's job: here a port only has to be a number.
 */
public final class Addresses {
    private static final Pattern HOSTNAME =
            Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\\.?");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
    private static final Pattern NUMERIC_HOST = Pattern.compile("[\\d.]+");

    private Addresses() {}

    /** {@code host:port}, {@code [v6]:port}, or {@code :port} when {@code anyHost} (then 0.0.0.0, as nginx {@code listen 8080}). */
    public static HostPort hostPort(String text, boolean anyHost) {
        String s = text.trim();
        if (s.contains("://")) {
            throw new IllegalArgumentException("'" + s + "' is a URL; write host:port, e.g. 127.0.0.1:9001");
        }
        if (anyHost && s.startsWith(":")) {
            return new HostPort("0.0.0.0", port(s.substring(1), s));
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !s.startsWith(":", close + 1) || !isIpv6(s.substring(1, close))) {
                throw new IllegalArgumentException("bad address '" + s + "': expected [IPv6]:port, e.g. [::1]:8080");
            }
            return new HostPort(s.substring(1, close), port(s.substring(close + 2), s));
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("missing port in '" + s + "', e.g. 127.0.0.1:9001");
        }
        String host = s.substring(0, colon);
        if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("IPv6 address needs brackets in '" + s + "', e.g. [::1]:8080");
        }
        if (!isHostname(host)) {
            throw new IllegalArgumentException("bad host '" + host + "' in '" + s + "'");
        }
        return new HostPort(host, port(s.substring(colon + 1), s));
    }

    /** {@code localhost}, an address of 127.0.0.0/8, or {@code ::1}: reachable from this machine only. */
    public static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || (isIpv4(host) && host.startsWith("127."))
                || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    /** A DNS name or an IPv4 literal; numeric names must be valid dotted quads. */
    public static boolean isHostname(String host) {
        if (host.isEmpty() || host.length() > 253 || !HOSTNAME.matcher(host).matches()) {
            return false;
        }
        return !NUMERIC_HOST.matcher(host).matches() || isIpv4(host);
    }

    /**
     * An IPv4 or IPv6 address, optionally with a {@code /prefix}, e.g. {@code 10.0.0.0/8}. IPv4-mapped
     * IPv6 forms ({@code ::ffff:10.0.0.1}) are refused: Java reads them as 4-byte addresses, so a
     * 128-bit prefix on one could never match; write the IPv4 form instead.
     */
    public static boolean isIpOrCidr(String text) {
        int slash = text.indexOf('/');
        String ip = slash < 0 ? text : text.substring(0, slash);
        int maxPrefix = isIpv4(ip) ? 32 : isIpv6(ip) && ip.indexOf('.') < 0 ? 128 : -1;
        if (maxPrefix < 0 || slash < 0) {
            return maxPrefix >= 0;
        }
        String prefix = text.substring(slash + 1);
        return prefix.matches("\\d{1,3}") && Integer.parseInt(prefix) <= maxPrefix;
    }

    public static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 section 2.2 text forms, without zone ids: eight groups, or fewer around one "::". */
    public static boolean isIpv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        if (gap < 0) {
            return groups(s, true) == 8;
        }
        int head = groups(s.substring(0, gap), false);
        int tail = groups(s.substring(gap + 2), true);
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    /** Counts 16-bit groups, an embedded IPv4 tail counting two; -1 when malformed. */
    private static int groups(String part, boolean ipv4Tail) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] groups = part.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            boolean last = i == groups.length - 1;
            if (last && ipv4Tail && isIpv4(groups[i])) {
                count += 2;
            } else if (groups[i].matches("[0-9A-Fa-f]{1,4}")) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static int port(String digits, String whole) {
        if (!DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("bad port '" + digits + "' in '" + whole + "'");
        }
        return Integer.parseInt(digits);
    }
}
