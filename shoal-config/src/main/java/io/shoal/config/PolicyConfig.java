package io.shoal.config;

import java.util.List;

/** A step a route applies to each of its requests before a server is chosen, in the order written. */
public sealed interface PolicyConfig {

    /**
     * Who may send requests: {@code allow} lets only the listed addresses through (Traefik
     * {@code ipAllowList}, nginx {@code allow ...; deny all;}), {@code deny} refuses them (nginx
     * {@code deny}); the others get 403. The client's address is the peer's, or the one
     * {@code trusted_proxies} vouch for in {@code X-Forwarded-For}.
     *
     * @param ranges IP addresses and CIDR ranges
     */
    record Access(Rule rule, List<String> ranges) implements PolicyConfig {
        public enum Rule { ALLOW, DENY }

        public Access {
            ranges = List.copyOf(ranges);
        }
    }

    /**
     * A token bucket per key (nginx {@code limit_req}, Traefik {@code rateLimit}, Envoy's local rate limit):
     * {@code burst} requests at once, refilled at {@code perSecond}; a request that finds the bucket
     * empty gets 429 with {@code Retry-After}.
     *
     * @param key what shares one bucket
     */
    record RateLimit(double perSecond, int burst, Key key) implements PolicyConfig {
        /** What shares one bucket: each client address, or the whole route. */
        public enum Key { CLIENT, ROUTE }
    }
}
