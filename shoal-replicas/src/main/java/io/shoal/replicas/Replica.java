package io.shoal.replicas;

import io.shoal.config.HostPort;
import io.shoal.config.ServerConfig;
import java.util.ArrayDeque;

/**
 * One replica slot of a service ({@code web-2}): the process now running in it, if any, and its
 * history. Confined to the replica manager's thread.
 */
final class Replica {
    /** Where a replica is in its life. */
    /** STANDBY: kept running out of rotation after a blue-green switch, for an instant switch back. */
    enum Phase { STARTING, READY, STOPPING, BACKOFF, FAILED, STANDBY }

    /** Lines of output each replica keeps for {@code shoal logs}. */
    static final int LOG_LINES = 1000;

    final String id;
    final int index;
    final ArrayDeque<Long> restartHistory = new ArrayDeque<>();
    final LogBuffer<String> log = new LogBuffer<>(LOG_LINES);
    /** Completes when the replica first passes its readiness check, or fails if it dies first. */
    final java.util.concurrent.CompletableFuture<Void> ready = new java.util.concurrent.CompletableFuture<>();
    ReplicaSpec spec;
    RunningReplica running;
    ServerConfig server;
    Phase phase = Phase.STARTING;
    int consecutiveRestarts;
    long startedMillis;
    String lastMessage = "";

    Replica(String id, int index, ReplicaSpec spec) {
        this.id = id;
        this.index = index;
        this.spec = spec;
    }

    /** The server entry that puts this replica behind the balancer. */
    static ServerConfig serverFor(int port) {
        return ServerConfig.of(new HostPort("127.0.0.1", port));
    }

    boolean counts() {
        return phase != Phase.STOPPING && phase != Phase.FAILED && phase != Phase.STANDBY;
    }
}
