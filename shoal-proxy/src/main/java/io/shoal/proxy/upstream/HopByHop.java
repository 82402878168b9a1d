package io.shoal.proxy.upstream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Removes the hop-by-hop fields of RFC 9110 section 7.6.1: the fixed list, and every field the
 * {@code Connection} header names (nginx and HAProxy forward those; a proxy must not).
 *
 * <p>A nomination of a field that frames the message or names its target ({@code Content-Length},
 * {@code Transfer-Encoding}, {@code Host}) is never obeyed: removing it would send the head on without
 * its framing, so the backend would read the body as the next request on a reused connection. Such a
 * request is refused before it gets here ({@link #nominatesFramingField}).
 */
public final class HopByHop {
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

    private HopByHop() {}

    /** Whether {@code Connection} names Content-Length, Transfer-Encoding or Host: a request to refuse with 400. */
    public static boolean nominatesFramingField(HttpHeaders headers) {
        List<String> connection = headers.getAll(HttpHeaderNames.CONNECTION);
        for (int i = 0; i < connection.size(); i++) {
            String value = connection.get(i);
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String token = value.substring(start, end).trim();
                if (token.equalsIgnoreCase("content-length") || token.equalsIgnoreCase("transfer-encoding")
                        || token.equalsIgnoreCase("host")) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    /**
     * @param keepUpgrade keep {@code Connection: upgrade} and {@code Upgrade}, for a WebSocket handshake
     */
    static void strip(HttpHeaders headers, boolean keepUpgrade) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            removeNamedIn(headers, headers.getAll(HttpHeaderNames.CONNECTION), keepUpgrade);
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (keepUpgrade) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE);
        } else {
            headers.remove(HttpHeaderNames.UPGRADE);
        }
    }

    /** Splits the Connection values at commas by hand: this runs for nearly every response. */
    private static void removeNamedIn(HttpHeaders headers, List<String> connection, boolean keepUpgrade) {
        for (int i = 0; i < connection.size(); i++) {
            String value = connection.get(i);
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                removeToken(headers, value, start, end, keepUpgrade);
                start = end + 1;
            }
        }
    }

    private static void removeToken(HttpHeaders headers, String value, int start, int end, boolean keepUpgrade) {
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        // close and keep-alive are the usual values and name no other field (Keep-Alive goes anyway).
        if (end == start || is(value, start, end, "close") || is(value, start, end, "keep-alive")
                || keepUpgrade && is(value, start, end, "upgrade")) {
            return;
        }
        headers.remove(value.substring(start, end));
    }

    private static boolean is(String value, int start, int end, String token) {
        return end - start == token.length() && value.regionMatches(true, start, token, 0, token.length());
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
