package io.shoal.autoscaler;

/**
 * What the simulator assumes about one replica: it serves {@code capacityRps} requests per second at
 * most, answers in {@code serviceMillis} when idle, and takes {@code startupSeconds} to become ready.
 * Latency grows with utilization as in an M/M/1 queue; past capacity a backlog builds up.
 */
public record ReplicaModel(double capacityRps, double serviceMillis, int startupSeconds) {

    /** Approximate p95 latency for a replica at utilization {@code u} with {@code backlogPerReplica} queued. */
    double p95Millis(double u, double backlogPerReplica) {
        double queueing = u < 0.99 ? serviceMillis / (1 - u) : serviceMillis * 100;
        // For an M/M/1 queue the response time is exponential: p95 = ln(20) x mean.
        return Math.log(20) * queueing + backlogPerReplica / capacityRps * 1000;
    }
}
