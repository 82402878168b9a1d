package io.shoal.autoscaler;

import java.util.Map;

/**
 * One replica's figures at decision time.
 *
 * @param ready passing its readiness check
 * @param initializing still in its initialization period: its CPU is not trusted (a starting JVM
 *     burns CPU that says nothing about load), as the HPA does with {@code cpuInitializationPeriod}
 * @param values figure per metric; a metric absent from the map is missing for this replica
 */
public record ReplicaFigures(String id, boolean ready, boolean initializing, Map<Metric, Double> values) {

    public ReplicaFigures {
        values = Map.copyOf(values);
    }

    /** Whether this replica's value of {@code metric} can be believed now. */
    boolean trusted(Metric metric) {
        return ready && !(initializing && metric == Metric.CPU) && values.containsKey(metric);
    }
}
