package io.shoal.config.internal;

import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HealthConfig;
import io.shoal.config.OutlierConfig;
import io.shoal.config.PanicConfig;
import io.shoal.config.RestartPolicy;
import io.shoal.config.RetryPolicy;
import io.shoal.config.RunConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.Values;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** One service of {@link ConfigTree}, with its health settings and its {@code run} block. */
final class ServiceTree {
    private ServiceTree() {}

    static Map<String, Object> of(ServiceConfig s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("balance", s.balance().algorithm().configName());
        if (s.balance().hashKey() != null) {
            m.put("hash_key", s.balance().hashKey().toString());
        }
        m.put("sticky", s.sticky() == null ? false : Map.of("cookie", s.sticky().cookieName()));
        m.put("connect_timeout", Values.formatDuration(s.timeouts().connect()));
        m.put("response_timeout", Values.formatDuration(s.timeouts().response()));
        m.put("retry", retry(s.retry()));
        m.put("queue", ConfigTree.pairs("size", s.queue().size(), "timeout", Values.formatDuration(s.queue().timeout())));
        m.put("keepalive", ConfigTree.pairs("max_idle", s.pool().maxIdle(),
                "idle_timeout", Values.formatDuration(s.pool().idleTimeout())));
        health(m, s.health());
        if (s.run() == null) {
            m.put("servers", s.servers().stream().map(ServiceTree::server).toList());
        } else {
            m.put("run", run(s.run()));
        }
        if (s.autoscale() != null) {
            m.put("autoscale", AutoscaleTree.of(s.autoscale()));
        }
        return m;
    }

    private static Map<String, Object> retry(RetryPolicy r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tries", r.tries());
        m.put("deadline", r.deadline().equals(RetryPolicy.NO_DEADLINE) ? "0s" : Values.formatDuration(r.deadline()));
        m.put("on", r.on().stream().sorted().map(RetryPolicy.RetryOn::configName).toList());
        return m;
    }

    private static Map<String, Object> server(ServerConfig s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", s.address().toString());
        m.put("weight", s.weight());
        m.put("backup", s.backup());
        m.put("max_conns", s.maxConns());
        m.put("max_fails", s.maxFails());
        m.put("fail_timeout", Values.formatDuration(s.failTimeout()));
        return m;
    }

    private static void health(Map<String, Object> m, HealthConfig h) {
        if (h.check() != null) {
            m.put("health_check", check(h.check()));
        }
        m.put("outlier_detection", h.outlier() == null ? false : outlier(h.outlier()));
        Map<String, Object> panic = new LinkedHashMap<>();
        panic.put("mode", h.panic().mode().configName());
        if (h.panic().mode() == PanicConfig.Mode.FAIL) { // spread answers nothing, so it has no retry_after
            panic.put("retry_after", Values.formatDuration(h.panic().retryAfter()));
        }
        m.put("panic", panic);
        m.put("slow_start", Values.formatDuration(h.slowStart()));
        m.put("drain_timeout", Values.formatDuration(h.drainTimeout()));
    }

    private static Map<String, Object> check(HealthCheckConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.type().configName());
        putIfSet(m, "method", c.method());
        putIfSet(m, "path", c.path());
        putIfSet(m, "host", c.host());
        if (!c.expectStatus().isEmpty()) {
            m.put("expect_status", c.expectStatus().stream()
                    .map(r -> r.from() == r.to() ? Integer.toString(r.from()) : r.from() + "-" + r.to()).toList());
        }
        putIfSet(m, "body_contains", c.bodyContains());
        putIfSet(m, "body_regex", c.bodyRegex());
        putIfSet(m, "send", c.send());
        putIfSet(m, "expect", c.expect());
        m.put("interval", Values.formatDuration(c.interval()));
        m.put("fast_interval", Values.formatDuration(c.fastInterval()));
        m.put("jitter", Values.formatPercent(c.jitter()));
        m.put("timeout", Values.formatDuration(c.timeout()));
        m.put("rise", c.rise());
        m.put("fall", c.fall());
        m.put("initial_state", c.initiallyUp() ? "up" : "down");
        return m;
    }

    private static Map<String, Object> outlier(OutlierConfig o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("consecutive_5xx", o.consecutive5xx());
        m.put("consecutive_gateway_failures", o.consecutiveGatewayFailures());
        m.put("base_ejection_time", Values.formatDuration(o.baseEjectionTime()));
        m.put("max_ejection_time", Values.formatDuration(o.maxEjectionTime()));
        m.put("max_ejection_percent", o.maxEjectionPercent());
        return m;
    }

    private static Map<String, Object> run(RunConfig r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", r.command());
        m.put("env", new TreeMap<>(r.env()));
        putIfSet(m, "working_dir", r.workingDir());
        m.put("port_env", r.portEnv());
        m.put("replicas", r.replicas());
        m.put("restart", restart(r.restart()));
        m.put("stop_grace_period", Values.formatDuration(r.stopGrace()));
        m.put("ready_timeout", Values.formatDuration(r.readyTimeout()));
        return m;
    }

    private static Object restart(RestartPolicy p) {
        if (p.mode() == RestartPolicy.Mode.NEVER) { // its backoff and limits only apply to restarts
            return p.configName();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", p.configName());
        m.put("backoff", Values.formatDuration(p.initialBackoff()));
        m.put("max_backoff", Values.formatDuration(p.maxBackoff()));
        m.put("max_restarts", p.maxRestarts());
        m.put("window", Values.formatDuration(p.window()));
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
