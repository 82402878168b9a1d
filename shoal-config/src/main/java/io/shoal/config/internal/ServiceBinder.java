package io.shoal.config.internal;

import io.shoal.config.BalanceConfig;
import io.shoal.config.Defaults;
import io.shoal.config.PoolConfig;
import io.shoal.config.QueueConfig;
import io.shoal.config.RetryPolicy;
import io.shoal.config.ServiceConfig;
import io.shoal.config.StickyConfig;
import io.shoal.config.UpstreamTimeouts;
import io.shoal.config.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds {@code services}. A service whose body cannot be read is still bound, empty, so that routes
 * naming it do not also report it as unknown.
 */
final class ServiceBinder {
    private ServiceBinder() {}

    static Map<String, ServiceConfig> services(Section s) {
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        for (String name : s.keys()) {
            String path = s.child(name);
            Section body = s.get(name).flatMap(node -> s.binding().section(path, node))
                    .orElseGet(() -> new Section(s.binding(), path, List.of()));
            services.put(name, service(name, body));
        }
        return services;
    }

    private static ServiceConfig service(String name, Section s) {
        BalanceConfig balance = new BalanceConfig(
                s.value("balance", BalanceConfig.Algorithm.ROUND_ROBIN, Values::algorithm),
                s.value("hash_key", Values::hashKey).orElse(null));
        UpstreamTimeouts timeouts = new UpstreamTimeouts(
                s.duration("connect_timeout", Defaults.CONNECT_TIMEOUT),
                s.duration("response_timeout", Defaults.RESPONSE_TIMEOUT));
        ServiceConfig service = new ServiceConfig(name, new ServerBinder(s).servers(), balance, sticky(s), timeouts,
                s.section("retry").map(ServiceBinder::retry).orElseGet(RetryPolicy::defaults),
                s.section("queue").map(ServiceBinder::queue).orElseGet(QueueConfig::defaults),
                s.section("keepalive").map(ServiceBinder::pool).orElseGet(PoolConfig::defaults),
                HealthBinder.health(s), null);
        s.finish();
        return service;
    }

    /** {@code sticky: true} (default cookie name), {@code false}, or {@code {cookie: NAME}}. */
    private static StickyConfig sticky(Section s) {
        Optional<Node> node = s.get("sticky");
        if (node.isPresent() && node.get() instanceof Node.Mapping) {
            return s.section("sticky").map(m -> {
                StickyConfig sticky = new StickyConfig(m.text("cookie").orElse(Defaults.STICKY_COOKIE));
                m.finish();
                return sticky;
            }).orElse(null);
        }
        boolean on = s.value("sticky", false, text -> {
            try {
                return Values.bool(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected true, false or {cookie: NAME}, got '" + text + "'", e);
            }
        });
        return on ? new StickyConfig(Defaults.STICKY_COOKIE) : null;
    }

    private static RetryPolicy retry(Section s) {
        RetryPolicy d = RetryPolicy.defaults();
        List<RetryPolicy.RetryOn> on = s.values("on", Values::retryOn);
        RetryPolicy retry = new RetryPolicy(s.integer("tries", d.tries()), s.duration("deadline", d.deadline()),
                s.has("on") ? Set.copyOf(on) : d.on());
        s.finish();
        return retry;
    }

    private static QueueConfig queue(Section s) {
        QueueConfig d = QueueConfig.defaults();
        QueueConfig queue = new QueueConfig(s.integer("size", d.size()), s.duration("timeout", d.timeout()));
        s.finish();
        return queue;
    }

    private static PoolConfig pool(Section s) {
        PoolConfig d = PoolConfig.defaults();
        PoolConfig pool = new PoolConfig(s.integer("max_idle", d.maxIdle()), s.duration("idle_timeout", d.idleTimeout()));
        s.finish();
        return pool;
    }
}
