package io.shoal.autoscaler;

/**
 * What the autoscaler can scale on. Per-replica metrics are averaged over ready replicas (the HPA's
 * resource and pods metrics); service metrics are one figure for the whole service (object metrics).
 */
public enum Metric {
    /** CPU per replica, percent of one core (or of a configured limit). */
    CPU(true),
    /** Resident memory per replica, bytes. */
    MEMORY(true),
    /** Requests in flight per replica (concurrency). */
    IN_FLIGHT(true),
    /** Requests per second per replica. */
    RPS(true),
    /** p95 latency of the service, milliseconds. */
    P95_LATENCY_MS(false),
    /** Requests waiting in the proxy's queue for the service. */
    QUEUE_LENGTH(false);

    private final boolean perReplica;

    Metric(boolean perReplica) {
        this.perReplica = perReplica;
    }

    public boolean perReplica() {
        return perReplica;
    }
}
