package io.shoal.config.internal;

import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HealthConfig;
import io.shoal.config.OutlierConfig;
import io.shoal.config.PanicConfig;
import io.shoal.config.Values;
import java.time.Duration;

/**
 * Quick mode's health options as given (null = not given): {@code --health-check} ({@code /PATH} or
 * {@code tcp}), {@code --health-interval}, {@code --rise}, {@code --fall}, {@code --slow-start},
 * {@code --panic} and {@code --outlier}. The interval also sets the fast interval, as HAProxy's
 * {@code fastinter} defaults to {@code inter}; everything else is {@link HealthConfig#defaults()}.
 */
public record HealthOptions(
        String check, String interval, String rise, String fall, String slowStart, String panic, boolean outlier) {

    /** Parses every option, reporting problems under its name; validation comes later, on the records. */
    public HealthConfig bind(OptionParser o, String service) {
        String path = KeyPaths.child(service, "health_check");
        o.map(path, "--health-check");
        o.map(path + ".interval", "--health-interval");
        o.map(path + ".fast_interval", "--health-interval");
        o.map(path + ".rise", "--rise");
        o.map(path + ".fall", "--fall");
        o.map(service + ".slow_start", "--slow-start");
        o.map(service + ".panic", "--panic");
        o.map(service + ".outlier_detection", "--outlier");
        HealthConfig d = HealthConfig.defaults();
        HealthCheckConfig base = o.parse(path, check, null, Values::healthCheck);
        Duration inter = o.parse(path + ".interval", interval, null, Values::duration);
        Integer riseCount = o.parse(path + ".rise", rise, null, Values::integer);
        Integer fallCount = o.parse(path + ".fall", fall, null, Values::integer);
        if (check == null) {
            needsCheck(o, path + ".interval", interval);
            needsCheck(o, path + ".rise", rise);
            needsCheck(o, path + ".fall", fall);
        }
        HealthCheckConfig health = base == null ? null : new HealthCheckConfig(base.type(), base.method(), base.path(),
                base.host(), base.expectStatus(), base.bodyContains(), base.bodyRegex(), base.send(), base.expect(),
                inter == null ? base.interval() : inter, inter == null ? base.fastInterval() : inter, base.jitter(),
                base.timeout(), riseCount == null ? base.rise() : riseCount, fallCount == null ? base.fall() : fallCount,
                base.initiallyUp(), base.grpcService());
        PanicConfig panicConfig = o.parse(service + ".panic", panic, d.panic(),
                text -> new PanicConfig(Values.panicMode(text), d.panic().retryAfter()));
        return new HealthConfig(health, outlier ? OutlierConfig.defaults() : null, panicConfig,
                o.parse(service + ".slow_start", slowStart, d.slowStart(), Values::duration), d.drainTimeout());
    }

    private static void needsCheck(OptionParser o, String path, String raw) {
        if (raw != null) {
            o.problems().add(path, "needs --health-check (a path such as /health, or tcp)");
        }
    }
}
