package io.shoal.admin;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Reloads of the configuration file and how the last one went, for {@code /metrics} (as Prometheus and
 * Traefik report their own reloads). Before any reload, the load at start counts as the last success.
 */
public final class ReloadFigures {
    /** What the last reload did. */
    public enum Result { SUCCESS, FAILURE }

    /** The counts and the last attempt, replaced as a whole so that a reader never sees half an update. */
    public record Counts(long successes, long failures, Result last, long lastEpochMillis) {}

    private final AtomicReference<Counts> counts;

    ReloadFigures(long startEpochMillis) {
        counts = new AtomicReference<>(new Counts(0, 0, Result.SUCCESS, startEpochMillis));
    }

    void record(Result result, long epochMillis) {
        counts.updateAndGet(c -> new Counts(c.successes() + (result == Result.SUCCESS ? 1 : 0),
                c.failures() + (result == Result.FAILURE ? 1 : 0), result, epochMillis));
    }

    public Counts counts() {
        return counts.get();
    }
}
