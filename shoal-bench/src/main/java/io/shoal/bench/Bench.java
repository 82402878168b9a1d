package io.shoal.bench;

import io.shoal.bench.internal.LoadEngine;
import java.util.function.Consumer;

/** Runs a {@link LoadPlan}: the entry point for the command line, the scaling runs and tests. */
public final class Bench {
    private Bench() {
    }

    /**
     * Sends the plan's load and returns what it measured. Blocks for the run's length; {@code progress} gets one
     * {@link Second} per second on the calling thread.
     *
     * @throws IllegalArgumentException when the target's host cannot be resolved
     * @throws IllegalStateException when no request can succeed, e.g. {@code --h2} against a server that chose
     *         another protocol by ALPN; the message says why
     */
    public static BenchResult run(LoadPlan plan, Consumer<Second> progress) throws InterruptedException {
        return new LoadEngine(plan).run(progress);
    }
}
