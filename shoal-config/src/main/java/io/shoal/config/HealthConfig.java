package io.shoal.config;

import java.time.Duration;

/**
 * How a service finds out which servers can take traffic, and how servers enter and leave it.
 *
 * @param check active health check, or null when there is none (servers then start UP)
 * @param outlier ejection of servers failing live traffic (Envoy outlier detection), or null when off
 * @param panic what to do when no server is UP
 * @param slowStart time over which a server that comes UP ramps from a small share to its full weight
 *     (HAProxy {@code slowstart}); {@link Duration#ZERO} is off
 * @param drainTimeout how long a draining server's requests in flight may take before the drain ends anyway
 */
public record HealthConfig(
        HealthCheckConfig check, OutlierConfig outlier, PanicConfig panic, Duration slowStart, Duration drainTimeout) {

    public static HealthConfig defaults() {
        return new HealthConfig(null, null, PanicConfig.defaults(), Duration.ZERO, Defaults.DRAIN_TIMEOUT);
    }
}
