package io.shoal.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Removes the hop-by-hop fields of RFC 9110 section 7.6.1: the fixed list, and every field the
 * {@code Connection} header names (nginx and HAProxy forward those; a proxy must not).
 */
final class HopByHop {
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

    private HopByHop() {}

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

    private static void removeNamedIn(HttpHeaders headers, List<String> connection, boolean keepUpgrade) {
        for (int i = 0; i < connection.size(); i++) {
            for (String token : connection.get(i).split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !(keepUpgrade && name.equalsIgnoreCase("upgrade"))) {
                    headers.remove(name);
                }
            }
        }
    }
}
