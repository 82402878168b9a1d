package io.shoal.config;

import java.time.Duration;

/**
 * Keep-alive connections to each server, kept per event loop (nginx {@code keepalive}).
 *
 * @param maxIdle idle connections kept per server and event loop
 * @param idleTimeout an idle connection unused this long is closed
 */
public record PoolConfig(int maxIdle, Duration idleTimeout) {

    public static PoolConfig defaults() {
        return new PoolConfig(Defaults.POOL_MAX_IDLE, Defaults.POOL_IDLE_TIMEOUT);
    }
}
