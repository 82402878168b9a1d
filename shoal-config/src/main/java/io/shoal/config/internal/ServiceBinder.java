package io.shoal.config.internal;

import io.shoal.config.AutoscaleConfig;
import io.shoal.config.BalanceConfig;
import io.shoal.config.Defaults;
import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HealthConfig;
import io.shoal.config.PoolConfig;
import io.shoal.config.QueueConfig;
import io.shoal.config.RetryPolicy;
import io.shoal.config.RunConfig;
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
 *
 * <p>A service has either {@code servers} or {@code run}; which keys were written is known only here, so
 * both and neither are reported here, at the service's line. A {@code run} service has no servers in the
 * record (its replicas are added at run time), and, without a {@code health_check}, gets
 * {@link HealthCheckConfig#readiness()} so that a replica joins the pool only once it accepts connections.
 * With {@code autoscale}, a {@code run} without {@code replicas} starts {@code autoscale.min} replicas.
 */
final class ServiceBinder {
    private ServiceBinder() {}

    static Map<String, ServiceConfig> services(Section s) {
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        for (String name : s.keys()) {
            String path = s.child(name);
            Optional<Section> body = s.get(name).flatMap(node -> s.binding().section(path, node));
            if (body.isPresent()) {
                serversOrRun(path, body.get());
            }
            services.put(name, service(name, body.orElseGet(() -> new Section(s.binding(), path, List.of()))));
        }
        return services;
    }

    private static void serversOrRun(String path, Section s) {
        if (s.has("servers") && s.has("run")) {
            s.binding().problems().add(path, "has both servers and run; a service lists the servers it sends to,"
                    + " or runs them itself (run), not both");
        } else if (!s.has("servers") && !s.has("run")) {
            s.binding().problems().add(path, "needs servers (the addresses it sends to) or run (a command Shoal"
                    + " starts as replicas)");
        }
    }

    private static ServiceConfig service(String name, Section s) {
        BalanceConfig balance = new BalanceConfig(
                s.value("balance", BalanceConfig.Algorithm.ROUND_ROBIN, Values::algorithm),
                s.value("hash_key", Values::hashKey).orElse(null));
        UpstreamTimeouts timeouts = new UpstreamTimeouts(
                s.duration("connect_timeout", Defaults.CONNECT_TIMEOUT),
                s.duration("response_timeout", Defaults.RESPONSE_TIMEOUT));
        RunConfig run = run(s);
        AutoscaleConfig autoscale = autoscale(s, run != null);
        if (autoscale != null && !writes(s, "run", "replicas")) {
            run = run.withReplicas(Math.max(0, Math.min(autoscale.min(), Defaults.MAX_REPLICAS)));
        }
        ServiceConfig service = new ServiceConfig(name, new ServerBinder(s).servers(), balance, sticky(s), timeouts,
                s.section("retry").map(ServiceBinder::retry).orElseGet(RetryPolicy::defaults),
                s.section("queue").map(ServiceBinder::queue).orElseGet(QueueConfig::defaults),
                s.section("keepalive").map(ServiceBinder::pool).orElseGet(PoolConfig::defaults),
                health(s, run != null), run, autoscale, UpstreamTlsBinder.tls(s),
                s.value("protocol", Defaults.SERVICE_PROTOCOL, Values::protocol));
        s.finish();
        return service;
    }

    /**
     * Null without {@code run}; a {@code run} that cannot be read (reported) is bound with an empty command, so
     * that the service is still a run service and validation does not also ask for its servers.
     */
    private static RunConfig run(Section s) {
        if (!s.has("run")) {
            return null;
        }
        return s.section("run").map(RunBinder::run).orElseGet(() -> RunConfig.of(List.of()));
    }

    /**
     * Null without {@code autoscale}, and on a service without {@code run}, where it is refused at its line: Shoal
     * can only scale the replicas it starts. An {@code autoscale} that cannot be read (reported) is null too.
     */
    private static AutoscaleConfig autoscale(Section s, boolean runs) {
        if (!s.has("autoscale")) {
            return null;
        }
        if (!runs) {
            s.get("autoscale");
            s.binding().problems().add(s.child("autoscale"), "only applies to a service with run: Shoal scales the"
                    + " replicas it starts itself, not a list of servers");
            return null;
        }
        return s.section("autoscale").map(AutoscaleBinder::autoscale).orElse(null);
    }

    /** Whether the mapping under {@code block} has {@code key}; with autoscale, an unwritten run.replicas is min. */
    private static boolean writes(Section s, String block, String key) {
        return s.get(block).filter(Node.Mapping.class::isInstance)
                .map(node -> ((Node.Mapping) node).entries().stream().anyMatch(e -> e.key().equals(key)))
                .orElse(false);
    }

    private static HealthConfig health(Section s, boolean runs) {
        HealthConfig health = HealthBinder.health(s);
        if (!runs || health.check() != null || s.has("health_check")) {
            return health;
        }
        return new HealthConfig(HealthCheckConfig.readiness(), health.outlier(), health.panic(), health.slowStart(),
                health.drainTimeout());
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
