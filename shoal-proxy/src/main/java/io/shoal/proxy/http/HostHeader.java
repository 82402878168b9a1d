package io.shoal.proxy.http;

/** Host header parsing (RFC 9110 section 7.2: uri-host [ ":" port ]). */
public final class HostHeader {
    private HostHeader() {}

    /** A host that a route can match and a backend can trust: reg-name or IP literal, optional port. */
    public static boolean isValid(String host) {
        if (host.isEmpty()) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_' || c == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The host name without port, lower case, for route matching. */
    public static String hostName(String host) {
        if (host == null) {
            return "";
        }
        int end = host.length();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            end = close < 0 ? end : close + 1;
        } else {
            int colon = host.indexOf(':');
            end = colon < 0 ? end : colon;
        }
        String name = end == host.length() ? host : host.substring(0, end);
        return isLowerCase(name) ? name : name.toLowerCase(java.util.Locale.ROOT);
    }

    /** Nearly every Host is already lower case: then no new string is made per request. */
    private static boolean isLowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
