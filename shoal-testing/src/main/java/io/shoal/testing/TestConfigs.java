package io.shoal.testing;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.BalanceConfig;
import io.shoal.config.Defaults;
import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HostPort;
import io.shoal.config.ListenerConfig;
import io.shoal.config.OutlierConfig;
import io.shoal.config.PanicConfig;
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
import io.shoal.config.TlsConfig;
import io.shoal.config.UpstreamTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Builds configurations from the records, as the YAML loader would: one listener on an ephemeral loopback
 * port.
 */
public final class TestConfigs {
    private TestConfigs() {}

    public static ServerConfig server(String address) {
        String[] parts = address.split(":");
        return ServerConfig.of(new HostPort(parts[0], Integer.parseInt(parts[1])));
    }

    public static ServerConfig server(String address, int weight) {
        ServerConfig s = server(address);
        return new ServerConfig(s.address(), weight, false, 0, s.maxFails(), s.failTimeout());
    }

    public static ServiceConfig service(String name, BalanceConfig balance, List<ServerConfig> servers) {
        return service(name, balance, servers, HealthConfig.defaults());
    }

    public static ServiceConfig service(String name, BalanceConfig balance, List<ServerConfig> servers,
                                        HealthConfig health) {
        return new ServiceConfig(name, servers, balance, null, UpstreamTimeouts.defaults(), RetryPolicy.defaults(),
                QueueConfig.defaults(), PoolConfig.defaults(), health, null, null, null, Defaults.SERVICE_PROTOCOL);
    }

    public static ServiceConfig withTimeouts(ServiceConfig s, Duration connect, Duration response) {
        return new ServiceConfig(s.name(), s.servers(), s.balance(), s.sticky(), new UpstreamTimeouts(connect, response),
                s.retry(), s.queue(), s.pool(), s.health(), s.run(), s.autoscale(), s.tls(), s.protocol());
    }

    public static ServiceConfig withSticky(ServiceConfig s, String cookie) {
        return new ServiceConfig(s.name(), s.servers(), s.balance(), new StickyConfig(cookie), s.timeouts(),
                s.retry(), s.queue(), s.pool(), s.health(), s.run(), s.autoscale(), s.tls(), s.protocol());
    }

    public static ServiceConfig withProtocol(ServiceConfig s, ServiceConfig.Protocol protocol) {
        return new ServiceConfig(s.name(), s.servers(), s.balance(), s.sticky(), s.timeouts(), s.retry(), s.queue(),
                s.pool(), s.health(), s.run(), s.autoscale(), s.tls(), protocol);
    }

    public static RouteConfig catchAll(String service) {
        return new RouteConfig(null, "/", Map.of(), false, List.of(new RouteConfig.WeightedService(service, 1)));
    }

    public static ShoalConfig config(List<RouteConfig> routes, ServiceConfig... services) {
        return config(ProxySettings.defaults(), routes, services);
    }

    public static ShoalConfig config(ProxySettings settings, List<RouteConfig> routes, ServiceConfig... services) {
        Map<String, ServiceConfig> byName = new LinkedHashMap<>();
        for (ServiceConfig s : services) {
            byName.put(s.name(), s);
        }
        return new ShoalConfig("test", settings,
                List.of(new ListenerConfig(new HostPort("127.0.0.1", 0), routes)), byName, AccessLogConfig.off());
    }

    /** The same configuration with TLS on every listener (which then offers HTTP/2 by ALPN). */
    public static ShoalConfig withTls(ShoalConfig c, TlsConfig tls) {
        return withListeners(c, l -> new ListenerConfig(l.address(), l.routes(), Optional.of(tls)));
    }

    /** {@code c} with its listeners taking HTTP/2 with prior knowledge (h2c) beside HTTP/1.1. */
    public static ShoalConfig withH2c(ShoalConfig c) {
        return withListeners(c, l -> new ListenerConfig(l.address(), l.routes(), l.tls(), l.redirect(), l.hsts(), true));
    }

    /** {@code c} with its listeners speaking HTTP/1.1 only. */
    public static ShoalConfig withoutHttp2(ShoalConfig c) {
        return withListeners(c, l -> new ListenerConfig(l.address(), l.routes(), l.tls(), l.redirect(), l.hsts(), false));
    }

    private static ShoalConfig withListeners(ShoalConfig c, UnaryOperator<ListenerConfig> change) {
        List<ListenerConfig> listeners = c.listeners().stream().map(change).toList();
        return new ShoalConfig(c.source(), c.proxy(), listeners, c.services(), c.accessLog(), c.admin(), c.tuning());
    }

    /** The default settings with {@code threads} event loops. */
    public static ProxySettings threads(int threads) {
        ProxySettings d = ProxySettings.defaults();
        return new ProxySettings(threads, d.clientHeaderTimeout(), d.clientBodyTimeout(), d.idleTimeout(),
                d.maxRequestLineBytes(), d.maxHeaderBytes(), d.clientBodyBufferBytes(), d.maxConnections(),
                d.trustedProxies());
    }

    /** The default settings on one event loop, with the given request-body timeout and buffer size. */
    public static ProxySettings bodies(Duration clientBodyTimeout, int clientBodyBufferBytes) {
        ProxySettings d = ProxySettings.defaults();
        return new ProxySettings(1, d.clientHeaderTimeout(), clientBodyTimeout, d.idleTimeout(),
                d.maxRequestLineBytes(), d.maxHeaderBytes(), clientBodyBufferBytes, d.maxConnections(),
                d.trustedProxies());
    }

    /** One service named "web" over the given servers, one catch-all route. */
    public static ShoalConfig web(ProxySettings settings, String... addresses) {
        return config(settings, List.of(catchAll("web")),
                service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN), servers(addresses)));
    }

    /** One round-robin service named "web" over the given servers with {@code health}, one catch-all route. */
    public static ShoalConfig web(HealthConfig health, String... addresses) {
        return config(List.of(catchAll("web")),
                service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN), servers(addresses), health));
    }

    private static List<ServerConfig> servers(String... addresses) {
        List<ServerConfig> servers = new ArrayList<>();
        for (String address : addresses) {
            servers.add(server(address));
        }
        return servers;
    }

    /** One service named "web" over the backends, one catch-all route. */
    public static ShoalConfig simple(BalanceConfig.Algorithm algorithm, TestBackend... backends) {
        List<ServerConfig> servers = new ArrayList<>();
        for (TestBackend b : backends) {
            servers.add(server(b.address()));
        }
        return config(List.of(catchAll("web")), service("web", BalanceConfig.of(algorithm), servers));
    }

    /** Health settings with only an active check; no outlier detection, no slow start. */
    public static HealthConfig health(HealthCheckConfig check) {
        return new HealthConfig(check, null, PanicConfig.defaults(), Duration.ZERO, Defaults.DRAIN_TIMEOUT);
    }

    public static HealthConfig health(HealthCheckConfig check, OutlierConfig outlier, PanicConfig panic,
                                      Duration slowStart) {
        return new HealthConfig(check, outlier, panic, slowStart, Defaults.DRAIN_TIMEOUT);
    }

    /** {@code health_check: {path: PATH, interval: I, fast_interval: I, timeout: T, rise: R, fall: F}}. */
    public static HealthCheckConfig http(String path, Duration interval, Duration timeout, int rise, int fall,
                                         boolean initiallyUp) {
        HealthCheckConfig d = HealthCheckConfig.http(path);
        return new HealthCheckConfig(d.type(), d.method(), d.path(), d.host(), d.expectStatus(), d.bodyContains(),
                d.bodyRegex(), d.send(), d.expect(), interval, interval, d.jitter(), timeout, rise, fall, initiallyUp, null);
    }

    public static HealthCheckConfig withBodyContains(HealthCheckConfig c, String text) {
        return new HealthCheckConfig(c.type(), c.method(), c.path(), c.host(), c.expectStatus(), text, c.bodyRegex(),
                c.send(), c.expect(), c.interval(), c.fastInterval(), c.jitter(), c.timeout(), c.rise(), c.fall(),
                c.initiallyUp(), c.grpcService());
    }

    /** {@code health_check: {type: tcp, send: SEND, expect: EXPECT, ...}} (HAProxy {@code tcp-check}). */
    public static HealthCheckConfig tcp(String send, String expect, Duration interval, Duration timeout, int rise,
                                        int fall) {
        HealthCheckConfig d = HealthCheckConfig.tcp();
        return new HealthCheckConfig(d.type(), null, null, null, List.of(), null, null, send, expect,
                interval, interval, d.jitter(), timeout, rise, fall, false, null);
    }

    /** {@code health_check: {type: grpc, service: SERVICE, ...}} (Envoy {@code grpc_health_check}); null asks about the server. */
    public static HealthCheckConfig grpc(String service, Duration interval, Duration timeout, int rise, int fall) {
        HealthCheckConfig d = HealthCheckConfig.grpc();
        return new HealthCheckConfig(d.type(), null, null, null, List.of(), null, null, null, null,
                interval, interval, d.jitter(), timeout, rise, fall, false, service);
    }
}
