package io.shoal.autoscaler;

import java.util.List;
import java.util.Map;

/**
 * Everything one decision looks at; the decision code reads no clock and does no I/O, so the
 * simulator and the live loop feed it the same way.
 *
 * @param currentReplicas replicas wanted now (the current scale)
 * @param service figures of service metrics (p95 latency, queue length)
 */
public record ScalingInput(long nowMillis, int currentReplicas, List<ReplicaFigures> replicas, Map<Metric, Double> service) {

    public ScalingInput {
        replicas = List.copyOf(replicas);
        service = Map.copyOf(service);
    }
}
