package io.shoal.config.internal;

import io.shoal.config.BalanceConfig;
import io.shoal.config.Defaults;
import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HostPort;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks one service and its servers. Service names show up in metrics labels and admin URLs,
 * hence the restricted alphabet.
 */
final class ServiceValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private ServiceValidator() {}

    static void validate(ServiceConfig s, ProblemSink sink) {
        String path = KeyPaths.child("services", s.name());
        if (!NAME.matcher(s.name()).matches()) {
            sink.add(path, "service names use letters, digits, '.', '-' and '_', starting with a letter or digit");
        }
        servers(s, path, sink);
        balance(s.balance(), path, sink);
        if (s.sticky() != null && !Tokens.isToken(s.sticky().cookieName())) {
            sink.add(path + ".sticky.cookie", "not a valid cookie name: '" + s.sticky().cookieName() + "'");
        }
        Rules.positive(sink, path + ".connect_timeout", s.timeouts().connect());
        Rules.positive(sink, path + ".response_timeout", s.timeouts().response());
        Rules.atLeast(sink, path + ".retry.tries", s.retry().tries(), 1);
        if (s.retry().deadline().isNegative()) {
            sink.add(path + ".retry.deadline", "must not be negative (0s is none)");
        }
        Rules.atLeast(sink, path + ".queue.size", s.queue().size(), 0);
        Rules.positive(sink, path + ".queue.timeout", s.queue().timeout());
        Rules.atLeast(sink, path + ".keepalive.max_idle", s.pool().maxIdle(), 0);
        Rules.positive(sink, path + ".keepalive.idle_timeout", s.pool().idleTimeout());
        HealthValidator.validate(s.health(), path, sink);
        HealthCheckConfig.Type check = s.health().check() == null ? null : s.health().check().type();
        if (s.tls() != null && (check == HealthCheckConfig.Type.HTTP || check == HealthCheckConfig.Type.GRPC)) {
            // Refused rather than sent in plain text, where every server would fail it and go down.
            sink.add(path + ".health_check.type", (check == HealthCheckConfig.Type.HTTP ? "an" : "a") + " "
                    + check.configName() + " check does not speak TLS to the"
                    + " servers yet; use type: tcp with tls");
        }
        if (s.protocol() == ServiceConfig.Protocol.H2 && check == HealthCheckConfig.Type.HTTP) {
            // An h2c-only server (a gRPC one) refuses an HTTP/1.1 request: every server would go down.
            sink.add(path + ".health_check.type", "an http check speaks HTTP/1.1, which a server of protocol: h2"
                    + " may refuse; use type: grpc or tcp");
        }
        if (s.run() != null) {
            RunValidator.validate(s.run(), path + ".run", sink);
        }
        if (s.autoscale() != null) {
            AutoscaleValidator.validate(s.autoscale(), s.run(), path, sink);
        }
    }

    private static void balance(BalanceConfig balance, String path, ProblemSink sink) {
        boolean hash = balance.algorithm() == BalanceConfig.Algorithm.HASH;
        if (hash && balance.hashKey() == null) {
            sink.add(path + ".hash_key", "required with balance: hash (uri, header:NAME, cookie:NAME or query:NAME)");
        }
        if (!hash && balance.hashKey() != null) {
            sink.add(path + ".hash_key", "only applies to balance: hash, not " + balance.algorithm().configName());
        }
    }

    /** A {@code run} service may have none: its replicas become its servers at run time. */
    private static void servers(ServiceConfig s, String path, ProblemSink sink) {
        if (s.servers().isEmpty() && s.run() == null) {
            sink.add(path + ".servers", "at least one server is required");
        }
        Map<HostPort, Integer> seen = new HashMap<>();
        for (int i = 0; i < s.servers().size(); i++) {
            String at = KeyPaths.item(path + ".servers", i);
            ServerConfig server = s.servers().get(i);
            server(server, at, sink);
            Integer first = seen.putIfAbsent(server.address(), i);
            if (first != null) {
                sink.add(at + ".address", "duplicate of servers[" + first + "] (" + server.address() + ")");
            }
        }
    }

    private static void server(ServerConfig server, String path, ProblemSink sink) {
        Rules.port(sink, path + ".address", server.address(), 1);
        Rules.between(sink, path + ".weight", server.weight(), 1, Defaults.MAX_WEIGHT);
        Rules.atLeast(sink, path + ".max_conns", server.maxConns(), 0);
        Rules.atLeast(sink, path + ".max_fails", server.maxFails(), 0);
        Rules.positive(sink, path + ".fail_timeout", server.failTimeout());
    }
}
