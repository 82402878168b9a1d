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
 * @param protocol HTTP/1.1 or HTTP/2 to the servers
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
        UpstreamTlsConfig tls,
        Protocol protocol) {

    /** What the proxy speaks to the servers. */
    public enum Protocol {
        HTTP_1_1("http/1.1"),
        /** HTTP/2: with {@code tls} negotiated by ALPN, else with prior knowledge (h2c), as gRPC servers take it. */
        H2("h2");

        private final String configName;

        Protocol(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    public ServiceConfig {
        servers = List.copyOf(servers);
    }

    /** The same service over other servers: how replicas join and leave at run time. */
    public ServiceConfig withServers(List<ServerConfig> newServers) {
        return new ServiceConfig(name, newServers, balance, sticky, timeouts, retry, queue, pool, health, run, autoscale, tls,
                protocol);
    }
}
