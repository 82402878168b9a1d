package io.shoal.config.internal;

import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HealthConfig;
import io.shoal.config.OutlierConfig;
import io.shoal.config.PanicConfig;
import io.shoal.config.Values;
import java.time.Duration;
import java.util.Optional;

/**
 * Binds a service's {@code health_check}, {@code outlier_detection}, {@code panic}, {@code slow_start} and
 * {@code drain_timeout}; absent keys take {@link HealthConfig#defaults()}. {@code outlier_detection} and
 * {@code panic} have a short form ({@code true}, {@code spread}) beside the mapping, as {@code sticky} has.
 */
final class HealthBinder {
    private HealthBinder() {}

    static HealthConfig health(Section s) {
        HealthConfig d = HealthConfig.defaults();
        HealthCheckConfig check = s.section("health_check").flatMap(HealthCheckBinder::check).orElse(null);
        OutlierConfig outlier = outlier(s);
        PanicConfig panic = panic(s, d.panic());
        return new HealthConfig(check, outlier, panic,
                s.duration("slow_start", d.slowStart()), s.duration("drain_timeout", d.drainTimeout()));
    }

    /** Off when absent or {@code false}; {@code true} or {} is Envoy's defaults. */
    private static OutlierConfig outlier(Section s) {
        Optional<Node> node = s.get("outlier_detection");
        if (node.isPresent() && node.get() instanceof Node.Mapping) {
            return s.section("outlier_detection").map(HealthBinder::outlierSettings).orElse(null);
        }
        boolean on = s.value("outlier_detection", false, text -> {
            try {
                return Values.bool(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected true, false or a mapping, got '" + text + "'", e);
            }
        });
        return on ? OutlierConfig.defaults() : null;
    }

    /**
     * Without {@code max_ejection_time}, the longer of its default and {@code base_ejection_time}, as Envoy
     * does, so that raising the base alone is never an error.
     */
    private static OutlierConfig outlierSettings(Section s) {
        OutlierConfig d = OutlierConfig.defaults();
        int consecutive5xx = s.integer("consecutive_5xx", d.consecutive5xx());
        int gateway = s.integer("consecutive_gateway_failures", d.consecutiveGatewayFailures());
        Duration base = s.duration("base_ejection_time", d.baseEjectionTime());
        Duration max = s.duration("max_ejection_time", base.compareTo(d.maxEjectionTime()) > 0 ? base : d.maxEjectionTime());
        int percent = s.integer("max_ejection_percent", d.maxEjectionPercent());
        s.finish();
        return new OutlierConfig(consecutive5xx, gateway, base, max, percent);
    }

    /** {@code fail}, {@code spread}, or {@code {mode: fail, retry_after: 5s}}. */
    private static PanicConfig panic(Section s, PanicConfig d) {
        Optional<Node> node = s.get("panic");
        if (node.isPresent() && node.get() instanceof Node.Mapping) {
            return s.section("panic").map(m -> panicSettings(m, d)).orElse(d);
        }
        PanicConfig.Mode mode = s.value("panic", d.mode(), Values::panicMode);
        return new PanicConfig(mode, d.retryAfter());
    }

    private static PanicConfig panicSettings(Section s, PanicConfig d) {
        PanicConfig.Mode mode = s.value("mode", d.mode(), Values::panicMode);
        Duration retryAfter = s.duration("retry_after", d.retryAfter());
        if (mode == PanicConfig.Mode.SPREAD && s.has("retry_after")) {
            s.binding().problems().add(s.child("retry_after"), "only applies to mode: fail, not spread");
        }
        s.finish();
        return new PanicConfig(mode, retryAfter);
    }
}
