package io.shoal.proxy;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.BalanceConfig;
import io.shoal.config.HostPort;
import io.shoal.config.ListenerConfig;
import io.shoal.config.PoolConfig;
import io.shoal.config.HealthConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.QueueConfig;
import io.shoal.config.RetryPolicy;
import io.shoal.config.RouteConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.StickyConfig;
import io.shoal.config.UpstreamTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds configurations for tests: one listener on an ephemeral loopback port. */
final class TestConfigs {
    private TestConfigs() {}

    static ServerConfig server(String address) {
        String[] parts = address.split(":");
        return ServerConfig.of(new HostPort(parts[0], Integer.parseInt(parts[1])));
    }

    static ServerConfig server(String address, int weight) {
        ServerConfig s = server(address);
        return new ServerConfig(s.address(), weight, false, 0, s.maxFails(), s.failTimeout());
    }

    static ServiceConfig service(String name, BalanceConfig balance, List<ServerConfig> servers) {
        return new ServiceConfig(name, servers, balance, null, UpstreamTimeouts.defaults(), RetryPolicy.defaults(),
                QueueConfig.defaults(), PoolConfig.defaults(), HealthConfig.defaults(), null, null);
    }

    static ServiceConfig withTimeouts(ServiceConfig s, Duration connect, Duration response) {
        return new ServiceConfig(s.name(), s.servers(), s.balance(), s.sticky(), new UpstreamTimeouts(connect, response),
                s.retry(), s.queue(), s.pool(), s.health(), s.run(), s.autoscale());
    }

    static ServiceConfig withSticky(ServiceConfig s, String cookie) {
        return new ServiceConfig(s.name(), s.servers(), s.balance(), new StickyConfig(cookie), s.timeouts(),
                s.retry(), s.queue(), s.pool(), s.health(), s.run(), s.autoscale());
    }

    static RouteConfig catchAll(String service) {
        return new RouteConfig(null, "/", Map.of(), false, List.of(new RouteConfig.WeightedService(service, 1)));
    }

    static ShoalConfig config(List<RouteConfig> routes, ServiceConfig... services) {
        return config(ProxySettings.defaults(), routes, services);
    }

    static ShoalConfig config(ProxySettings settings, List<RouteConfig> routes, ServiceConfig... services) {
        Map<String, ServiceConfig> byName = new LinkedHashMap<>();
        for (ServiceConfig s : services) {
            byName.put(s.name(), s);
        }
        return new ShoalConfig("test", settings,
                List.of(new ListenerConfig(new HostPort("127.0.0.1", 0), routes)), byName, AccessLogConfig.off());
    }

    /** The default settings with {@code threads} event loops. */
    static ProxySettings threads(int threads) {
        ProxySettings d = ProxySettings.defaults();
        return new ProxySettings(threads, d.clientHeaderTimeout(), d.clientBodyTimeout(), d.idleTimeout(),
                d.maxRequestLineBytes(), d.maxHeaderBytes(), d.clientBodyBufferBytes(), d.maxConnections(),
                d.trustedProxies());
    }

    /** The default settings on one event loop, with the given request-body timeout and buffer size. */
    static ProxySettings bodies(Duration clientBodyTimeout, int clientBodyBufferBytes) {
        ProxySettings d = ProxySettings.defaults();
        return new ProxySettings(1, d.clientHeaderTimeout(), clientBodyTimeout, d.idleTimeout(),
                d.maxRequestLineBytes(), d.maxHeaderBytes(), clientBodyBufferBytes, d.maxConnections(),
                d.trustedProxies());
    }

    /** One service named "web" over the given servers, one catch-all route. */
    static ShoalConfig web(ProxySettings settings, String... addresses) {
        List<ServerConfig> servers = new ArrayList<>();
        for (String address : addresses) {
            servers.add(server(address));
        }
        return config(settings, List.of(catchAll("web")),
                service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN), servers));
    }

    /** One service named "web" over the backends, one catch-all route. */
    static ShoalConfig simple(BalanceConfig.Algorithm algorithm, TestBackend... backends) {
        List<ServerConfig> servers = new ArrayList<>();
        for (TestBackend b : backends) {
            servers.add(server(b.address()));
        }
        return config(List.of(catchAll("web")), service("web", BalanceConfig.of(algorithm), servers));
    }
}
