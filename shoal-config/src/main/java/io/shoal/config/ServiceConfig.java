package io.shoal.config;

import java.util.List;

/**
 * A pool of servers and how requests are spread over them.
 *
 * @param sticky cookie-based session affinity, or null when off
 * @param health active checks, outlier ejection, panic mode, slow start and draining
 */
public record ServiceConfig(
        String name,
        List<ServerConfig> servers,
        BalanceConfig balance,
        StickyConfig sticky,
        UpstreamTimeouts timeouts,
        RetryPolicy retry,
        QueueConfig queue,
        PoolConfig pool,
        HealthConfig health) {

    public ServiceConfig {
        servers = List.copyOf(servers);
    }
}
