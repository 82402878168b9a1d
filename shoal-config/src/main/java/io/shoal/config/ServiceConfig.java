package io.shoal.config;

import java.util.List;

/**
 * A pool of servers and how requests are spread over them.
 *
 * @param sticky cookie-based session affinity, or null when off
 */
public record ServiceConfig(
        String name,
        List<ServerConfig> servers,
        BalanceConfig balance,
        StickyConfig sticky,
        UpstreamTimeouts timeouts,
        RetryPolicy retry,
        QueueConfig queue,
        PoolConfig pool) {

    public ServiceConfig {
        servers = List.copyOf(servers);
    }
}
