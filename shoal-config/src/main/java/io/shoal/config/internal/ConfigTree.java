package io.shoal.config.internal;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.AdminConfig;
import io.shoal.config.EffectiveConfig;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.RouteConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TuningConfig;
import io.shoal.config.Values;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The top of {@link io.shoal.config.EffectiveConfig}: a configuration as nested maps under its YAML keys, each
 * value in the form the loader reads back. Settings that are off and have no "off" value (no access log, no
 * admin address chosen) are left out, as a file that does not set them would.
 */
public final class ConfigTree {
    private ConfigTree() {}

    public static Map<String, Object> of(ShoalConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("proxy", proxy(config.proxy()));
        root.put("listeners", config.listeners().stream().map(ConfigTree::listener).toList());
        Map<String, Object> services = new LinkedHashMap<>();
        config.services().values().forEach(s -> services.put(s.name(), ServiceTree.of(s)));
        root.put("services", services);
        if (config.accessLog().enabled()) {
            root.put("access_log", accessLog(config.accessLog()));
        }
        root.put("admin", admin(config.admin()));
        root.put("tuning", tuning(config.tuning()));
        return root;
    }

    private static Map<String, Object> proxy(ProxySettings p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", p.threads());
        m.put("client_header_timeout", Values.formatDuration(p.clientHeaderTimeout()));
        m.put("client_body_timeout", Values.formatDuration(p.clientBodyTimeout()));
        m.put("idle_timeout", Values.formatDuration(p.idleTimeout()));
        m.put("max_request_line", Values.formatSize(p.maxRequestLineBytes()));
        m.put("max_header_size", Values.formatSize(p.maxHeaderBytes()));
        m.put("client_body_buffer_size", Values.formatSize(p.clientBodyBufferBytes()));
        m.put("max_connections", p.maxConnections());
        m.put("max_connections_per_client", p.maxConnectionsPerClient());
        m.put("trusted_proxies", p.trustedProxies());
        Map<String, Object> h2 = new LinkedHashMap<>();
        h2.put("max_concurrent_streams", p.http2().maxConcurrentStreams());
        h2.put("initial_window_size", p.http2().initialWindowSize());
        h2.put("connection_window_size", p.http2().connectionWindowSize());
        h2.put("max_frame_size", p.http2().maxFrameSize());
        m.put("http2", h2);
        return m;
    }

    private static Map<String, Object> listener(ListenerConfig listener) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", listener.address().toString());
        m.put("http2", listener.http2());
        if (!listener.policies().isEmpty()) {
            m.put("policies", PolicyTree.policies(listener.policies()));
        }
        m.put("routes", listener.routes().stream().map(ConfigTree::route).toList());
        return m;
    }

    private static Map<String, Object> route(RouteConfig r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.host() != null) {
            m.put("host", r.host());
        }
        m.put("path", r.pathPrefix());
        if (!r.headers().isEmpty()) {
            m.put("headers", new TreeMap<>(r.headers()));
        }
        m.put("strip_prefix", r.stripPrefix());
        if (r.backends().size() == 1 && r.backends().get(0).weight() == 1) {
            m.put("service", r.backends().get(0).service());
        } else if (!r.backends().isEmpty()) { // none: the route's policies answer every request
            m.put("split", r.backends().stream()
                    .map(b -> pairs("service", b.service(), "weight", b.weight())).toList());
        }
        if (!r.policies().isEmpty()) {
            m.put("policies", PolicyTree.policies(r.policies()));
        }
        return m;
    }

    private static Map<String, Object> accessLog(AccessLogConfig log) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", log.path());
        m.put("format", log.format().name().toLowerCase(Locale.ROOT));
        return m;
    }

    private static Map<String, Object> admin(AdminConfig a) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (a.listen() != null) {
            m.put("listen", a.listen().toString());
        }
        if (a.token() != null) {
            m.put("token", EffectiveConfig.HIDDEN_TOKEN);
        }
        if (a.tokenFile() != null) {
            m.put("token_file", a.tokenFile());
        }
        m.put("allow", a.allow());
        m.put("allowed_hosts", a.allowedHosts());
        return m;
    }

    /** Two entries in the order given, as the docs list them. */
    static Map<String, Object> pairs(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key1, value1);
        m.put(key2, value2);
        return m;
    }

    private static Map<String, Object> tuning(TuningConfig t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("busy_poll", Values.formatDuration(t.busyPoll()));
        m.put("compiler_nice", t.compilerNice());
        m.put("gc_at_start", t.gcAtStart());
        return m;
    }
}
