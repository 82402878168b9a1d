package io.shoal.config;

import java.time.Duration;

/**
 * Ejection of servers that fail live traffic (Envoy's consecutive-5xx and gateway-failure detection).
 * An ejected server takes no traffic for {@code baseEjectionTime} times the number of times it was
 * ejected, at most {@code maxEjectionTime}.
 *
 * @param consecutive5xx consecutive 5xx responses that eject a server; 0 disables
 * @param consecutiveGatewayFailures consecutive 502/503/504 or connection failures that eject; 0 disables
 * @param maxEjectionPercent share of the service's servers that may be ejected at once; at least one may be
 */
public record OutlierConfig(
        int consecutive5xx, int consecutiveGatewayFailures, Duration baseEjectionTime, Duration maxEjectionTime,
        int maxEjectionPercent) {

    public static OutlierConfig defaults() {
        return new OutlierConfig(Defaults.OUTLIER_CONSECUTIVE_5XX, Defaults.OUTLIER_CONSECUTIVE_GATEWAY,
                Defaults.OUTLIER_BASE_EJECTION, Defaults.OUTLIER_MAX_EJECTION, Defaults.OUTLIER_MAX_PERCENT);
    }
}
