package io.shoal.replicas;

import java.io.IOException;

/**
 * Starts replicas. The local driver runs processes on this machine; a Kubernetes driver (later) will
 * scale a Deployment instead. Everything above this interface is the same for both.
 */
public interface ReplicaDriver {

    /**
     * @param id stable replica id, e.g. {@code web-2}, given to the replica as {@code INSTANCE_ID}
     * @param port the port it must listen on (127.0.0.1)
     * @param output receives each line the replica prints, prefixed with its id
     */
    RunningReplica start(String id, ReplicaSpec spec, int port, LineSink output) throws IOException;

    /** Where a replica's output goes. Called from the replica's reader thread. */
    @FunctionalInterface
    interface LineSink {
        void line(String replicaId, String line);
    }
}
