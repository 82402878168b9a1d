package io.shoal.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.shoal.balancer.Hashing;
import io.shoal.config.BalanceConfig.HashKey;
import io.shoal.config.BalanceConfig;
import io.shoal.proxy.upstream.XForwarded;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/** The hash that {@code ip_hash} and {@code hash} place a request by; 0 for other algorithms. */
final class RequestKeys {
    private RequestKeys() {}

    static long hash(BalanceConfig balance, HttpRequest request, String clientAddress, SocketAddress peer,
                     TrustedProxies trusted) {
        switch (balance.algorithm()) {
            case IP_HASH:
                return Hashing.hash(clientIp(request, clientAddress, peer, trusted));
            case HASH:
                String key = keyOf(balance.hashKey(), request);
                return key == null ? 0 : Hashing.hash(key);
            default:
                return 0;
        }
    }

    /**
     * The client's address; when the peer is a trusted proxy, the last address in X-Forwarded-For
     * that is not itself trusted (nginx {@code real_ip_recursive on}).
     */
    private static String clientIp(HttpRequest request, String clientAddress, SocketAddress peer,
                                   TrustedProxies trusted) {
        if (trusted.isEmpty() || !trusted.contains(((InetSocketAddress) peer).getAddress())) {
            return clientAddress;
        }
        String forwardedFor = request.headers().get(XForwarded.FOR);
        if (forwardedFor == null) {
            return clientAddress;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!isLiteral(hop)) {
                return clientAddress;
            }
            if (i == 0 || !trusted.contains(literal(hop))) {
                return hop;
            }
        }
        return clientAddress;
    }

    private static boolean isLiteral(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text); // a literal (checked above): no name lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String keyOf(HashKey key, HttpRequest request) {
        switch (key.source()) {
            case URI:
                return request.uri();
            case HEADER:
                return request.headers().get(key.name());
            case COOKIE:
                for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
                    for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
                        if (cookie.name().equals(key.name())) {
                            return cookie.value();
                        }
                    }
                }
                return null;
            case QUERY:
                List<String> values = new QueryStringDecoder(request.uri()).parameters().get(key.name());
                return values == null || values.isEmpty() ? null : values.get(0);
            default:
                return null;
        }
    }
}
