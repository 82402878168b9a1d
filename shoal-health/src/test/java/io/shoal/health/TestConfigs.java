package io.shoal.health;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.BalanceConfig;
import io.shoal.config.Defaults;
import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HealthConfig;
import io.shoal.config.HostPort;
import io.shoal.config.ListenerConfig;
import io.shoal.config.OutlierConfig;
import io.shoal.config.PanicConfig;
import io.shoal.config.PoolConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.QueueConfig;
import io.shoal.config.RetryPolicy;
import io.shoal.config.RouteConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.UpstreamTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds configurations from the records, as the YAML loader would: one listener on an ephemeral
 * loopback port, one round-robin service named "web" behind a catch-all route.
 */
final class TestConfigs {
    private TestConfigs() {}

    static ShoalConfig web(HealthConfig health, String... addresses) {
        List<ServerConfig> servers = new ArrayList<>();
        for (String address : addresses) {
            String[] parts = address.split(":");
            servers.add(ServerConfig.of(new HostPort(parts[0], Integer.parseInt(parts[1]))));
        }
        ServiceConfig service = new ServiceConfig("web", servers, BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                null, UpstreamTimeouts.defaults(), RetryPolicy.defaults(), QueueConfig.defaults(), PoolConfig.defaults(),
                health, null, null);
        RouteConfig catchAll = new RouteConfig(null, "/", Map.of(), false,
                List.of(new RouteConfig.WeightedService("web", 1)));
        return new ShoalConfig("test", ProxySettings.defaults(),
                List.of(new ListenerConfig(new HostPort("127.0.0.1", 0), List.of(catchAll))),
                Map.of("web", service), AccessLogConfig.off());
    }

    /** Health settings with only an active check; no outlier detection, no slow start. */
    static HealthConfig health(HealthCheckConfig check) {
        return new HealthConfig(check, null, PanicConfig.defaults(), Duration.ZERO, Defaults.DRAIN_TIMEOUT);
    }

    static HealthConfig health(HealthCheckConfig check, OutlierConfig outlier, PanicConfig panic, Duration slowStart) {
        return new HealthConfig(check, outlier, panic, slowStart, Defaults.DRAIN_TIMEOUT);
    }

    /** {@code health_check: {path: PATH, interval: I, fast_interval: I, timeout: T, rise: R, fall: F}}. */
    static HealthCheckConfig http(String path, Duration interval, Duration timeout, int rise, int fall,
                                  boolean initiallyUp) {
        HealthCheckConfig d = HealthCheckConfig.http(path);
        return new HealthCheckConfig(d.type(), d.method(), d.path(), d.host(), d.expectStatus(), d.bodyContains(),
                d.bodyRegex(), d.send(), d.expect(), interval, interval, d.jitter(), timeout, rise, fall, initiallyUp);
    }

    static HealthCheckConfig withBodyContains(HealthCheckConfig c, String text) {
        return new HealthCheckConfig(c.type(), c.method(), c.path(), c.host(), c.expectStatus(), text, c.bodyRegex(),
                c.send(), c.expect(), c.interval(), c.fastInterval(), c.jitter(), c.timeout(), c.rise(), c.fall(),
                c.initiallyUp());
    }

    /** {@code health_check: {type: tcp, send: SEND, expect: EXPECT, ...}} (HAProxy {@code tcp-check}). */
    static HealthCheckConfig tcp(String send, String expect, Duration interval, Duration timeout, int rise, int fall) {
        HealthCheckConfig d = HealthCheckConfig.tcp();
        return new HealthCheckConfig(d.type(), null, null, null, List.of(), null, null, send, expect,
                interval, interval, d.jitter(), timeout, rise, fall, false);
    }
}
