package io.shoal.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.shoal.balancer.Hashing;
import io.shoal.config.BalanceConfig.HashKey;
import io.shoal.config.BalanceConfig;
import io.shoal.proxy.net.AddressRanges;
import java.net.SocketAddress;
import java.util.List;

/** The hash that {@code ip_hash} and {@code hash} place a request by; 0 for other algorithms. */
final class RequestKeys {
    private RequestKeys() {}

    static long hash(BalanceConfig balance, HttpRequest request, String clientAddress, SocketAddress peer,
                     AddressRanges trusted) {
        switch (balance.algorithm()) {
            case IP_HASH:
                return Hashing.hash(ClientAddress.of(request, clientAddress, peer, trusted));
            case HASH:
                String key = keyOf(balance.hashKey(), request);
                return key == null ? 0 : Hashing.hash(key);
            default:
                return 0;
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
