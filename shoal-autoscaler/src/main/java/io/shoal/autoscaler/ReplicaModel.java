package io.shoal.autoscaler;

/**
 * What the simulator assumes about one replica: it serves {@code capacityRps} requests per second at
 * most, takes {@code serviceMillis} per request, and takes {@code startupSeconds} to become ready. So it
 * works on {@code capacityRps x serviceMillis / 1000} requests at once (the demo app's
 * {@code --max-concurrency}, a server's worker pool); past capacity a backlog builds up.
 */
public record ReplicaModel(double capacityRps, double serviceMillis, int startupSeconds) {

    /** Requests one replica works on at once, at least 1. */
    int workers() {
        return Math.max(1, (int) Math.round(capacityRps * serviceMillis / 1000));
    }

    /**
     * Mean wait for a worker at utilization {@code u}: Sakasegawa's approximation for a queue with
     * {@link #workers()} servers, halved for a fixed service time (Kingman: (Ca² + Cs²) / 2 with Cs = 0).
     */
    double waitMillis(double u) {
        if (u >= 0.99) {
            return serviceMillis * 100;
        }
        int c = workers();
        return serviceMillis * Math.pow(u, Math.sqrt(2.0 * (c + 1)) - 1) / (c * (1 - u)) / 2;
    }

    /** Mean time in the replica (wait plus service), milliseconds. */
    double meanMillis(double u) {
        return serviceMillis + waitMillis(u);
    }

    /**
     * Approximate p95 latency at utilization {@code u} with {@code backlogPerReplica} queued: the wait
     * taken as exponential (p95 = ln 20 x mean), plus the time to work off the backlog.
     */
    double p95Millis(double u, double backlogPerReplica) {
        return serviceMillis + Math.log(20) * waitMillis(u) + backlogPerReplica / capacityRps * 1000;
    }
}
