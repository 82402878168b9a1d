package io.shoal.config.internal;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.AdminConfig;
import io.shoal.config.Http2Config;
import io.shoal.config.ProxySettings;
import io.shoal.config.TuningConfig;
import io.shoal.config.Values;
import java.util.Optional;

/** Binds {@code proxy}, {@code access_log}, {@code admin} and {@code tuning}; absent keys take the records' defaults. */
final class ProxyBinder {
    private ProxyBinder() {}

    static ProxySettings proxy(Section s) {
        ProxySettings d = ProxySettings.defaults();
        ProxySettings proxy = new ProxySettings(
                s.integer("threads", d.threads()),
                s.duration("client_header_timeout", d.clientHeaderTimeout()),
                s.duration("client_body_timeout", d.clientBodyTimeout()),
                s.duration("idle_timeout", d.idleTimeout()),
                s.size("max_request_line", d.maxRequestLineBytes()),
                s.size("max_header_size", d.maxHeaderBytes()),
                s.size("client_body_buffer_size", d.clientBodyBufferBytes()),
                s.integer("max_connections", d.maxConnections()),
                s.values("trusted_proxies", text -> text),
                s.section("http2").map(ProxyBinder::http2).orElse(d.http2()),
                s.integer("max_connections_per_client", d.maxConnectionsPerClient()));
        s.moved("busy_poll", "tuning.busy_poll");
        s.moved("compiler_nice", "tuning.compiler_nice");
        s.finish();
        return proxy;
    }

    private static Http2Config http2(Section s) {
        Http2Config d = Http2Config.defaults();
        Http2Config http2 = new Http2Config(
                s.integer("max_concurrent_streams", d.maxConcurrentStreams()),
                s.size("initial_window_size", d.initialWindowSize()),
                s.size("connection_window_size", d.connectionWindowSize()),
                s.size("max_frame_size", d.maxFrameSize()));
        s.finish();
        return http2;
    }

    static TuningConfig tuning(Section s) {
        TuningConfig d = TuningConfig.defaults();
        TuningConfig tuning = new TuningConfig(
                s.duration("busy_poll", d.busyPoll()),
                s.integer("compiler_nice", d.compilerNice()),
                s.bool("gc_at_start", d.gcAtStart()));
        s.finish();
        return tuning;
    }

    /** An empty {@code access_log:} means off, like leaving it out. */
    static AccessLogConfig accessLog(Section s) {
        if (s.isEmpty()) {
            return AccessLogConfig.off();
        }
        Optional<String> path = s.required("path", text -> text);
        AccessLogConfig.Format format = s.value("format", AccessLogConfig.Format.COMBINED, Values::accessLogFormat);
        s.finish();
        return path.map(p -> new AccessLogConfig(p, format)).orElseGet(AccessLogConfig::off);
    }

    static AdminConfig admin(Section s) {
        AdminConfig d = AdminConfig.defaults();
        AdminConfig admin = new AdminConfig(
                s.value("listen", d.listen(), Values::listenAddress),
                s.text("token").orElse(null),
                s.text("token_file").orElse(null),
                s.has("allow") ? s.values("allow", text -> text) : d.allow(),
                s.has("allowed_hosts") ? s.values("allowed_hosts", text -> text) : d.allowedHosts());
        s.finish();
        return admin;
    }
}
