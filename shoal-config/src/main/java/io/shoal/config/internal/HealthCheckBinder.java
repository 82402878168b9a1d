package io.shoal.config.internal;

import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HealthCheckConfig.StatusRange;
import io.shoal.config.HealthCheckConfig.Type;
import io.shoal.config.Values;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Binds a service's {@code health_check}. Every key is read whatever the {@code type}, so that a key of the
 * other type is kept in the record and validation can say it does not apply, rather than calling it unknown.
 * Defaults are those of {@link HealthCheckConfig#http}, {@link HealthCheckConfig#tcp} and {@link HealthCheckConfig#grpc}; {@code fast_interval}
 * defaults to {@code interval}, as HAProxy's {@code fastinter} defaults to {@code inter}.
 */
final class HealthCheckBinder {
    private HealthCheckBinder() {}

    /** Empty when the type cannot be read (that is reported): the other keys would be judged against a guess. */
    static Optional<HealthCheckConfig> check(Section s) {
        Optional<Type> type = s.has("type") ? s.value("type", Values::checkType) : Optional.of(Type.HTTP);
        HealthCheckConfig d = switch (type.orElse(Type.HTTP)) {
            case HTTP -> HealthCheckConfig.http(null);
            case TCP -> HealthCheckConfig.tcp();
            case GRPC -> HealthCheckConfig.grpc();
        };
        String method = s.text("method").orElse(d.method());
        String path = s.text("path").orElse(null);
        String host = s.text("host").orElse(null);
        List<StatusRange> expectStatus = s.has("expect_status") ? statuses(s) : d.expectStatus();
        String bodyContains = s.text("body_contains").orElse(null);
        String bodyRegex = s.text("body_regex").orElse(null);
        String send = s.text("send").orElse(null);
        String expect = s.text("expect").orElse(null);
        Duration interval = s.duration("interval", d.interval());
        if (!s.has("fast_interval")) {
            s.binding().lines().alias(s.child("fast_interval"), s.child("interval"));
        }
        Duration fastInterval = s.duration("fast_interval", interval);
        double jitter = s.value("jitter", d.jitter(), Values::fraction);
        Duration timeout = s.duration("timeout", d.timeout());
        int rise = s.integer("rise", d.rise());
        int fall = s.integer("fall", d.fall());
        boolean initiallyUp = s.value("initial_state", d.initiallyUp(), Names::initiallyUp);
        String grpcService = s.text("service").orElse(null);
        s.finish();
        return type.map(t -> new HealthCheckConfig(t, method, path, host, expectStatus, bodyContains, bodyRegex,
                send, expect, interval, fastInterval, jitter, timeout, rise, fall, initiallyUp, grpcService));
    }

    /** A list of codes and ranges, or one of them alone: {@code expect_status: 200}. */
    private static List<StatusRange> statuses(Section s) {
        String key = s.child("expect_status");
        Optional<Node> node = s.get("expect_status");
        if (node.isPresent() && node.get() instanceof Node.Scalar scalar && !scalar.isBlank()) {
            s.binding().lines().alias(KeyPaths.item(key, 0), key);
            return s.binding().parse(key, scalar, Values::statusRange).map(List::of).orElse(List.of());
        }
        return s.values("expect_status", Values::statusRange);
    }
}
