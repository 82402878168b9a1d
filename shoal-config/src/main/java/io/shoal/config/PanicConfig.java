package io.shoal.config;

import java.time.Duration;

/**
 * What a service does when none of its servers is UP.
 *
 * @param mode {@code fail}: answer 503 with {@code Retry-After}; {@code spread}: send to every server
 *     anyway, as Envoy does below its panic threshold
 * @param retryAfter the {@code Retry-After} of the 503
 */
public record PanicConfig(Mode mode, Duration retryAfter) {

    public static PanicConfig defaults() {
        return new PanicConfig(Mode.FAIL, Defaults.PANIC_RETRY_AFTER);
    }

    public enum Mode {
        FAIL, SPREAD;

        /** The name written in the configuration: {@code fail}, {@code spread}. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
