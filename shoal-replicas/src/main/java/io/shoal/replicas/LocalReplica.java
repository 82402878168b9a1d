package io.shoal.replicas;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A replica that is a local process (and the processes it started). */
final class LocalReplica implements RunningReplica {
    private final String id;
    private final int port;
    private final Process process;
    private final CompletableFuture<Integer> exited;
    private final ProcStats stats;

    LocalReplica(String id, int port, Process process, CompletableFuture<Integer> exited) {
        this.id = id;
        this.port = port;
        this.process = process;
        this.exited = exited;
        this.stats = new ProcStats(process.pid());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public CompletableFuture<Integer> stop(Duration grace) {
        ProcessTree.terminate(process.toHandle());
        exited.orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS).exceptionally(timedOut -> {
            ProcessTree.kill(process.toHandle());
            return null;
        });
        return exited;
    }

    @Override
    public synchronized ResourceSample sample(long atEpochMillis) {
        return process.isAlive() ? stats.sample(atEpochMillis) : null;
    }
}
