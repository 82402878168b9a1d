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
        return eachToken(headers, headers.getAll(HttpHeaderNames.CONNECTION), false, HopByHop::isFramingField);
    }

    private static boolean isFramingField(HttpHeaders headers, String value, int start, int end, boolean keepUpgrade) {
        return is(value, start, end, "content-length") || is(value, start, end, "transfer-encoding")
                || is(value, start, end, "host");
    }

    /**
     * @param keepUpgrade keep {@code Connection: upgrade} and {@code Upgrade}, for a WebSocket handshake
     */
    static void strip(HttpHeaders headers, boolean keepUpgrade) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            eachToken(headers, headers.getAll(HttpHeaderNames.CONNECTION), keepUpgrade, HopByHop::removeToken);
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

    /** What to do with one token of a {@code Connection} value; true stops the walk. */
    private interface TokenAction {
        boolean on(HttpHeaders headers, String value, int start, int end, boolean keepUpgrade);
    }

    /**
     * Runs {@code action} on each token of the Connection values, without its spaces, until one returns
     * true. Split by hand: this runs for nearly every request.
     */
    private static boolean eachToken(HttpHeaders headers, List<String> connection, boolean keepUpgrade,
                                     TokenAction action) {
        for (int i = 0; i < connection.size(); i++) {
            String value = connection.get(i);
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                int from = start;
                int to = end;
                while (from < to && isSpace(value.charAt(from))) {
                    from++;
                }
                while (to > from && isSpace(value.charAt(to - 1))) {
                    to--;
                }
                if (to > from && action.on(headers, value, from, to, keepUpgrade)) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }

    private static boolean removeToken(HttpHeaders headers, String value, int start, int end, boolean keepUpgrade) {
        // close and keep-alive are the usual values and name no other field (Keep-Alive goes anyway).
        if (!is(value, start, end, "close") && !is(value, start, end, "keep-alive")
                && !(keepUpgrade && is(value, start, end, "upgrade"))) {
            headers.remove(value.substring(start, end));
        }
        return false;
    }

    private static boolean is(String value, int start, int end, String token) {
        return end - start == token.length() && value.regionMatches(true, start, token, 0, token.length());
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
