package io.shoal.proxy.upstream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.shoal.balancer.PickContext;
import io.shoal.config.StickyConfig;
import io.shoal.topology.Server;
import io.shoal.topology.Service;

/**
 * Cookie-based affinity (Traefik's {@code sticky.cookie}): the first response names its server in a
 * cookie; later requests carrying it go there while that server is available.
 */
public final class StickySessions {
    private StickySessions() {}

    /** The cookie's value in a request, or null when stickiness is off or the cookie is absent. */
    public static String cookieValue(HttpRequest request, StickyConfig sticky) {
        if (sticky == null) {
            return null;
        }
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
                if (cookie.name().equals(sticky.cookieName())) {
                    return cookie.value();
                }
            }
        }
        return null;
    }

    /** The server the cookie names, if it may take this request; otherwise null and the balancer decides. */
    static Server serverFor(Service service, String stickyId, PickContext context) {
        if (stickyId == null) {
            return null;
        }
        Server server = service.serverForStickyId(stickyId);
        if (server == null || context.isExcluded(server) || !server.isAvailable(context.nowNanos())) {
            return null;
        }
        return server;
    }

    public static String setCookie(StickyConfig sticky, Server server) {
        return sticky.cookieName() + "=" + server.stickyId() + "; Path=/; HttpOnly; SameSite=Lax";
    }
}
