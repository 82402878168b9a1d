package io.shoal.proxy.policy;

import io.shoal.config.PolicyConfig;
import java.net.InetAddress;
import java.util.List;

/** A route's policies, applied in the order written; the first that stops a request answers it. */
public final class RoutePolicies {
    private final RequestPolicy[] steps;

    private RoutePolicies(RequestPolicy[] steps) {
        this.steps = steps;
    }

    static RoutePolicies of(List<PolicyConfig> configs) {
        return new RoutePolicies(configs.stream().map(RoutePolicies::step).toArray(RequestPolicy[]::new));
    }

    private static RequestPolicy step(PolicyConfig config) {
        if (config instanceof PolicyConfig.Access access) {
            return new AccessRule(access);
        }
        return new RateLimiter((PolicyConfig.RateLimit) config);
    }

    /** Null to let the request on; else the first refusal. */
    public Refusal check(InetAddress client, long nowNanos) {
        for (RequestPolicy step : steps) {
            Refusal refusal = step.check(client, nowNanos);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }
}
