package io.shoal.config.internal;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.AdminConfig;
import io.shoal.config.HostPort;
import io.shoal.config.Http2Config;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.RouteConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TuningConfig;
import io.shoal.config.Values;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a configuration must follow, checked once, on the records, whichever way they were built
 * (YAML or quick mode). Problems are named by YAML key path; the caller's {@link SourceMap} turns
 * that into a file line or a command-line option.
 */
public final class Validator {
    /** An admin token shorter than this is too easy to guess. */
    public static final int MIN_TOKEN_LENGTH = 16;
    /** Longer polling only burns a core: a wake-up from epoll_wait costs a few microseconds. */
    private static final Duration MAX_BUSY_POLL = Duration.ofMillis(1);
    private Validator() {}

    public static void validate(ShoalConfig config, ProblemSink sink) {
        if (config.listeners().isEmpty()) {
            sink.add("listeners", "at least one listener is required");
        }
        if (config.services().isEmpty()) {
            sink.add("services", "at least one service is required");
        }
        proxy(config.proxy(), sink);
        accessLog(config.accessLog(), sink);
        admin(config.admin(), sink);
        tuning(config.tuning(), sink);
        listeners(config, sink);
        config.services().forEach((name, service) -> ServiceValidator.validate(service, sink));
    }

    private static void proxy(ProxySettings p, ProblemSink sink) {
        Rules.atLeast(sink, "proxy.threads", p.threads(), 0);
        Rules.positive(sink, "proxy.client_header_timeout", p.clientHeaderTimeout());
        Rules.positive(sink, "proxy.client_body_timeout", p.clientBodyTimeout());
        Rules.atLeast(sink, "proxy.client_body_buffer_size", p.clientBodyBufferBytes(), 0);
        Rules.positive(sink, "proxy.idle_timeout", p.idleTimeout());
        Rules.atLeast(sink, "proxy.max_request_line", p.maxRequestLineBytes(), 1);
        Rules.atLeast(sink, "proxy.max_header_size", p.maxHeaderBytes(), 1);
        Rules.atLeast(sink, "proxy.max_connections", p.maxConnections(), 1);
        Rules.atLeast(sink, "proxy.max_connections_per_client", p.maxConnectionsPerClient(), 0);
        Http2Config h2 = p.http2();
        Rules.atLeast(sink, "proxy.http2.max_concurrent_streams", h2.maxConcurrentStreams(), 1);
        // RFC 9113 section 6.5.2: the limits of SETTINGS_INITIAL_WINDOW_SIZE and SETTINGS_MAX_FRAME_SIZE.
        Rules.atLeast(sink, "proxy.http2.initial_window_size", h2.initialWindowSize(), 1);
        Rules.atLeast(sink, "proxy.http2.connection_window_size", h2.connectionWindowSize(), 65_535);
        Rules.between(sink, "proxy.http2.max_frame_size", h2.maxFrameSize(), 16_384, 16_777_215);
        List<String> trusted = p.trustedProxies();
        for (int i = 0; i < trusted.size(); i++) {
            if (!Addresses.isIpOrCidr(trusted.get(i))) {
                sink.add(KeyPaths.item("proxy.trusted_proxies", i),
                        "expected an IP address or CIDR range such as 10.0.0.0/8, got '" + trusted.get(i) + "'");
            }
        }
    }

    private static void tuning(TuningConfig t, ProblemSink sink) {
        if (t.busyPoll().isNegative() || t.busyPoll().compareTo(MAX_BUSY_POLL) > 0) {
            sink.add("tuning.busy_poll", "must be between 0us and " + Values.formatDuration(MAX_BUSY_POLL)
                    + ", got " + Values.formatDuration(t.busyPoll()));
        }
        if (t.compilerNice() < 0 || t.compilerNice() > 19) {
            sink.add("tuning.compiler_nice", "must be between 0 (leave the compiler alone) and 19, got "
                    + t.compilerNice());
        }
    }

    private static void admin(AdminConfig admin, ProblemSink sink) {
        if (admin.listen() != null) {
            Rules.port(sink, "admin.listen", admin.listen(), 0);
            if (!Addresses.isLoopback(admin.listen().host()) && !admin.hasToken()) {
                sink.add("admin.listen", "an admin address beyond loopback needs a token: set admin.token or "
                        + "admin.token_file (or listen on 127.0.0.1)");
            }
        }
        if (admin.token() != null && admin.tokenFile() != null) {
            sink.add("admin.token_file", "set admin.token or admin.token_file, not both");
        }
        if (admin.token() != null && admin.token().length() < MIN_TOKEN_LENGTH) {
            sink.add("admin.token", "must be at least " + MIN_TOKEN_LENGTH + " characters long, got "
                    + admin.token().length());
        }
        List<String> allow = admin.allow();
        for (int i = 0; i < allow.size(); i++) {
            if (!Addresses.isIpOrCidr(allow.get(i))) {
                sink.add(KeyPaths.item("admin.allow", i),
                        "expected an IP address or CIDR range such as 10.0.0.0/8, got '" + allow.get(i) + "'");
            }
        }
        List<String> hosts = admin.allowedHosts();
        for (int i = 0; i < hosts.size(); i++) {
            if (!Addresses.isHostname(hosts.get(i))) {
                sink.add(KeyPaths.item("admin.allowed_hosts", i),
                        "expected a host name without port such as shoal.example.com, got '" + hosts.get(i) + "'");
            }
        }
    }

    private static void accessLog(AccessLogConfig log, ProblemSink sink) {
        if (log.enabled() && log.path().isBlank()) {
            sink.add("access_log.path", "must name a file, or - for standard output");
        }
    }

    private static void listeners(ShoalConfig config, ProblemSink sink) {
        Map<HostPort, Integer> seen = new HashMap<>();
        for (int i = 0; i < config.listeners().size(); i++) {
            String path = KeyPaths.item("listeners", i);
            ListenerConfig listener = config.listeners().get(i);
            HostPort address = listener.address();
            Rules.port(sink, path + ".address", address, 0);
            Integer first = address.port() == 0 ? null : seen.putIfAbsent(address, i);
            if (first != null) {
                sink.add(path + ".address", "duplicate of listeners[" + first + "] (" + address + ")");
            }
            RouteValidator.policies(listener.policies(), path + ".policies", sink);
            if (listener.redirect().isPresent() && !listener.policies().isEmpty()) {
                sink.add(path + ".policies", "a redirecting listener answers every request with the redirect: remove them");
            }
            if (listener.redirect().isPresent() && listener.http2() && listener.tls().isEmpty()) {
                sink.add(path + ".http2", "a redirecting listener answers HTTP/1.1 only: leave http2 out");
            }
            listener.redirect().ifPresentOrElse(
                    r -> Rules.between(sink, path + ".redirect_port", r.port(), 1, 65535),
                    () -> routes(listener.routes(), path + ".routes", config.services().keySet(), sink));
        }
    }

    private static void routes(List<RouteConfig> routes, String path, Set<String> services, ProblemSink sink) {
        if (routes.isEmpty()) {
            sink.add(path, "at least one route is required (routes may be left out only when there is exactly one service)");
        }
        for (int j = 0; j < routes.size(); j++) {
            RouteValidator.validate(routes.get(j), KeyPaths.item(path, j), services, sink);
        }
    }
}
