package io.shoal.config;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * When a replica that exits on its own is started again (compose's {@code restart:}, systemd's
 * {@code StartLimitBurst}): {@code always}, {@code on-failure} (non-zero exit) or {@code never},
 * after an exponential backoff, and at most {@code maxRestarts} times within {@code window}.
 */
public record RestartPolicy(Mode mode, Duration initialBackoff, Duration maxBackoff, int maxRestarts, Duration window) {

    public enum Mode {
        ALWAYS, ON_FAILURE, NEVER;

        /** The name written in the configuration: {@code always}, {@code on-failure}, {@code never}. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static RestartPolicy defaults() {
        return new RestartPolicy(Mode.ALWAYS, Defaults.RESTART_BACKOFF, Defaults.RESTART_MAX_BACKOFF,
                Defaults.RESTART_MAX, Defaults.RESTART_WINDOW);
    }

    public String configName() {
        return mode.configName();
    }

    public boolean restarts(int exitCode) {
        return mode == Mode.ALWAYS || mode == Mode.ON_FAILURE && exitCode != 0;
    }

    /** The wait before the {@code n}-th restart in a row (1-based): initial, doubled each time, capped. */
    public Duration backoff(int n) {
        long millis = initialBackoff.toMillis() << Math.min(n - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /**
     * Records a restart at {@code nowMillis} in {@code history}; false when that would exceed the
     * limit within the window (give up).
     */
    public boolean allowRestart(ArrayDeque<Long> history, long nowMillis) {
        while (!history.isEmpty() && nowMillis - history.peekFirst() > window.toMillis()) {
            history.pollFirst();
        }
        if (history.size() >= maxRestarts) {
            return false;
        }
        history.addLast(nowMillis);
        return true;
    }
}
