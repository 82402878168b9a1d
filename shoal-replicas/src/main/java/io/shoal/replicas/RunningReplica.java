package io.shoal.replicas;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A started replica, whatever runs it (a local process now; a Kubernetes pod later). */
public interface RunningReplica {

    String id();

    int port();

    /** Operating-system process id, or -1 where there is none. */
    long pid();

    /** Completes with the exit code when the replica ends, for whatever reason. */
    CompletableFuture<Integer> exited();

    /**
     * Asks the replica to stop (SIGTERM), and kills it (SIGKILL) if it is still running after
     * {@code grace}. Completes when it has ended.
     */
    CompletableFuture<Integer> stop(Duration grace);

    /**
     * CPU and memory, sampled now and stamped {@code atEpochMillis} (one time for every replica of a round, so
     * that their series share the times they are drawn at); null when it cannot be read.
     */
    ResourceSample sample(long atEpochMillis);
}
