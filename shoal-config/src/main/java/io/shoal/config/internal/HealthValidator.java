package io.shoal.config.internal;

import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HealthCheckConfig.StatusRange;
import io.shoal.config.HealthCheckConfig.Type;
import io.shoal.config.HealthConfig;
import io.shoal.config.OutlierConfig;
import io.shoal.config.Values;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks one service's health settings. A check's settings of the other type are refused rather than
 * ignored: {@code send} on an HTTP check, or {@code path} on a TCP one, shows a misunderstanding that a
 * check silently doing something else would hide.
 */
final class HealthValidator {
    /** HAProxy {@code spread-checks} takes 0 to 50 percent. */
    private static final double MAX_JITTER = 0.5;
    private static final Pattern REQUEST_PATH = Pattern.compile("/[^\\s\\p{Cntrl}]*");

    private HealthValidator() {}

    static void validate(HealthConfig health, String service, ProblemSink sink) {
        if (health == null) {
            return;
        }
        if (health.check() != null) {
            check(health.check(), service + ".health_check", sink);
        }
        if (health.outlier() != null) {
            outlier(health.outlier(), service + ".outlier_detection", sink);
        }
        if (health.panic() != null) {
            Rules.positive(sink, service + ".panic.retry_after", health.panic().retryAfter());
        }
        if (health.slowStart().isNegative()) {
            sink.add(service + ".slow_start", "must not be negative (0s is off)");
        }
        Rules.positive(sink, service + ".drain_timeout", health.drainTimeout());
    }

    private static void check(HealthCheckConfig c, String path, ProblemSink sink) {
        Rules.positive(sink, path + ".interval", c.interval());
        Rules.positive(sink, path + ".fast_interval", c.fastInterval());
        Rules.positive(sink, path + ".timeout", c.timeout());
        Rules.atLeast(sink, path + ".rise", c.rise(), 1);
        Rules.atLeast(sink, path + ".fall", c.fall(), 1);
        if (!(c.jitter() >= 0 && c.jitter() <= MAX_JITTER)) {
            sink.add(path + ".jitter", "must be between 0% and " + Values.formatPercent(MAX_JITTER)
                    + ", got " + Values.formatPercent(c.jitter()));
        }
        if (c.type() == Type.HTTP) {
            http(c, path, sink);
        } else {
            only(sink, path, c, Type.HTTP, "method", c.method() != null);
            only(sink, path, c, Type.HTTP, "path", c.path() != null);
            only(sink, path, c, Type.HTTP, "host", c.host() != null);
            only(sink, path, c, Type.HTTP, "expect_status", !c.expectStatus().isEmpty());
            only(sink, path, c, Type.HTTP, "body_contains", c.bodyContains() != null);
            only(sink, path, c, Type.HTTP, "body_regex", c.bodyRegex() != null);
        }
        if (c.type() == Type.GRPC) { // an http check says more about them, in http()
            only(sink, path, c, Type.TCP, "send", c.send() != null);
            only(sink, path, c, Type.TCP, "expect", c.expect() != null);
        }
        if (c.type() != Type.GRPC) {
            only(sink, path, c, Type.GRPC, "service", c.grpcService() != null);
        }
    }

    private static void only(ProblemSink sink, String path, HealthCheckConfig c, Type type, String key, boolean set) {
        if (set) {
            sink.add(path + "." + key, "only applies to type: " + type.configName() + ", not " + c.type().configName());
        }
    }

    private static void http(HealthCheckConfig c, String path, ProblemSink sink) {
        if (c.path() == null) {
            sink.add(path + ".path", "required with type: http (the request path, e.g. /health)");
        } else if (!REQUEST_PATH.matcher(c.path()).matches()) {
            sink.add(path + ".path", "must start with / and contain no spaces, got '" + c.path() + "'");
        }
        if (!Tokens.isToken(c.method())) {
            sink.add(path + ".method", "expected an HTTP method such as GET or HEAD, got '" + c.method() + "'");
        }
        if (c.host() != null && !isHostHeader(c.host())) {
            sink.add(path + ".host", "expected a host name, optionally with :port, got '" + c.host() + "'");
        }
        statuses(c.expectStatus(), path + ".expect_status", sink);
        if (c.bodyRegex() != null) {
            try {
                Pattern.compile(c.bodyRegex());
            } catch (PatternSyntaxException e) {
                sink.add(path + ".body_regex", "not a valid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }
        String bodyKeys = "; an HTTP check matches its answer with expect_status, body_contains or body_regex";
        if (c.send() != null) {
            sink.add(path + ".send", "only applies to type: tcp, not http" + bodyKeys);
        }
        if (c.expect() != null) {
            sink.add(path + ".expect", "only applies to type: tcp, not http" + bodyKeys);
        }
    }

    private static void statuses(List<StatusRange> ranges, String path, ProblemSink sink) {
        if (ranges.isEmpty()) {
            sink.add(path, "at least one status code or range is required");
        }
        for (int i = 0; i < ranges.size(); i++) {
            StatusRange r = ranges.get(i);
            String at = KeyPaths.item(path, i);
            if (r.from() < 100 || r.to() > 599) {
                sink.add(at, "status codes are between 100 and 599, got " + format(r));
            } else if (r.from() > r.to()) {
                sink.add(at, "empty range " + format(r) + "; write the lower code first");
            }
        }
    }

    private static void outlier(OutlierConfig o, String path, ProblemSink sink) {
        Rules.atLeast(sink, path + ".consecutive_5xx", o.consecutive5xx(), 0);
        Rules.atLeast(sink, path + ".consecutive_gateway_failures", o.consecutiveGatewayFailures(), 0);
        Rules.positive(sink, path + ".base_ejection_time", o.baseEjectionTime());
        if (o.maxEjectionTime().compareTo(o.baseEjectionTime()) < 0) {
            sink.add(path + ".max_ejection_time", "must be at least base_ejection_time ("
                    + Values.formatDuration(o.baseEjectionTime()) + "), got " + Values.formatDuration(o.maxEjectionTime()));
        }
        Rules.between(sink, path + ".max_ejection_percent", o.maxEjectionPercent(), 0, 100);
    }

    /** What a Host header holds: a host name or IPv4 address, or a bracketed IPv6 one, with an optional port. */
    private static boolean isHostHeader(String host) {
        if (Addresses.isHostname(host)
                || (host.startsWith("[") && host.endsWith("]") && Addresses.isIpv6(host.substring(1, host.length() - 1)))) {
            return true;
        }
        try {
            Addresses.hostPort(host, false);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String format(StatusRange r) {
        return r.from() == r.to() ? Integer.toString(r.from()) : r.from() + "-" + r.to();
    }
}
