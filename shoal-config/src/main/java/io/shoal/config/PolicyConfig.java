package io.shoal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Edits to a message's header fields, applied in this order: {@code remove}, then {@code set} (which
     * replaces every field of that name), then {@code add}. Values may name the request's variables:
     * {@code $remote_addr}, {@code $host}, {@code $scheme}, {@code $request_uri}, {@code $request_id}.
     */
    record HeaderEdits(Map<String, HeaderTemplate> set, Map<String, HeaderTemplate> add, List<String> remove) {
        public HeaderEdits {
            set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
            add = Collections.unmodifiableMap(new LinkedHashMap<>(add));
            remove = List.copyOf(remove);
        }
    }

    /** The request's header fields as the server gets them (nginx {@code proxy_set_header}, Traefik {@code headers.customRequestHeaders}). */
    record RequestHeaders(HeaderEdits edits) implements PolicyConfig {}

    /** The response's header fields as the client gets them (nginx {@code add_header}, HAProxy {@code http-response set-header}). */
    record ResponseHeaders(HeaderEdits edits) implements PolicyConfig {}

    /**
     * Gives each request an id in {@code header}: the client's, when it sent one, else a new one (32 hex
     * digits, as nginx's {@code $request_id}); the server gets it, and {@code $request_id} names it.
     */
    record RequestId(String header) implements PolicyConfig {}

    /** Answers the request itself, no server asked (nginx {@code return 200 "ok"}, HAProxy {@code http-request return}). */
    record Respond(int status, String contentType, String body) implements PolicyConfig {}

    /**
     * Answers with a redirect (nginx {@code return 301 https://$host$request_uri}, HAProxy
     * {@code http-request redirect}, Traefik {@code redirectRegex}).
     *
     * @param location where to, with the request's variables
     */
    record Redirect(int code, HeaderTemplate location) implements PolicyConfig {}

    /** Whether the policy answers every request that reaches it, so that nothing after it runs. */
    default boolean answersAll() {
        return this instanceof Respond || this instanceof Redirect;
    }
}
