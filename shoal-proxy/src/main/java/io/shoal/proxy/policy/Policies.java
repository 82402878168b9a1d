package io.shoal.proxy.policy;

import io.shoal.config.PolicyConfig;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every route's policies, made once per distinct list: a reload that leaves a route's policies as they
 * were keeps their state (a rate limit's buckets), as nginx keeps a {@code limit_req} zone across reloads.
 */
public final class Policies {
    private final ConcurrentHashMap<List<PolicyConfig>, RoutePolicies> byConfig = new ConcurrentHashMap<>();

    /** The policies of a route whose list is {@code configs} (not empty). */
    public RoutePolicies of(List<PolicyConfig> configs) {
        RoutePolicies policies = byConfig.get(configs);
        return policies != null ? policies : byConfig.computeIfAbsent(configs, RoutePolicies::of);
    }
}
