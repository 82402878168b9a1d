package io.shoal.config;

import java.util.List;

/**
 * A pool of servers and how requests are spread over them.
 *
 * @param sticky cookie-based session affinity, or null when off
 * @param health active checks, outlier ejection, panic mode, slow start and draining
 * @param run the command Shoal runs as this service's replicas, or null when its servers are static
 * @param autoscale how the replica count follows load, or null for a fixed count (only with {@code run})
 * @param tls TLS to the servers, or null for plain HTTP
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
        HealthConfig health,
        RunConfig run,
        AutoscaleConfig autoscale,
        UpstreamTlsConfig tls) {

    public ServiceConfig {
        servers = List.copyOf(servers);
    }

    /** The same service over other servers: how replicas join and leave at run time. */
    public ServiceConfig withServers(List<ServerConfig> newServers) {
        return new ServiceConfig(name, newServers, balance, sticky, timeouts, retry, queue, pool, health, run, autoscale, tls);
    }
}
