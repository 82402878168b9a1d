package io.shoal.proxy.policy;

import io.shoal.config.PolicyConfig;
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
        } else if (config instanceof PolicyConfig.RateLimit limit) {
            return new RateLimiter(limit);
        } else if (config instanceof PolicyConfig.RequestHeaders headers) {
            return new RequestHeaderEdits(headers.edits());
        } else if (config instanceof PolicyConfig.ResponseHeaders headers) {
            return new ResponseHeaderEdits(headers.edits());
        } else if (config instanceof PolicyConfig.Respond respond) {
            return new FixedAnswer(respond);
        } else if (config instanceof PolicyConfig.Redirect redirect) {
            return new RedirectAnswer(redirect);
        }
        return new RequestIdPolicy((PolicyConfig.RequestId) config);
    }

    /** Null to let the request on, perhaps edited, with {@code request}'s response edits; else the first answer. */
    public Answer apply(PolicyRequest request) {
        for (RequestPolicy step : steps) {
            Answer answer = step.apply(request);
            if (answer != null) {
                return answer;
            }
        }
        return null;
    }
}
