package io.shoal.config;

import java.time.Duration;

/**
 * One backend server of a service, with nginx's per-server settings.
 *
 * @param weight relative share of traffic, 1 to {@link Defaults#MAX_WEIGHT}
 * @param backup used only while every non-backup server is unavailable
 * @param maxConns concurrent requests sent to it at most; 0 means no limit (HAProxy {@code maxconn})
 * @param maxFails failures within {@code failTimeout} that take it out of rotation for {@code failTimeout}; 0 disables
 * @param failTimeout the window for counting failures and the time it then stays out
 */
public record ServerConfig(HostPort address, int weight, boolean backup, int maxConns, int maxFails, Duration failTimeout) {

    public static ServerConfig of(HostPort address) {
        return new ServerConfig(address, 1, false, 0, Defaults.MAX_FAILS, Defaults.FAIL_TIMEOUT);
    }
}
