package io.shoal.autoscaler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds decision inputs for tests: ready replicas with one CPU figure each, plus odd ones. */
final class Figures {
    private final List<ReplicaFigures> replicas = new ArrayList<>();
    private int current = -1;

    static Figures cpu(double... perReplica) {
        Figures figures = new Figures();
        for (double value : perReplica) {
            figures.replicas.add(new ReplicaFigures("r" + figures.replicas.size(), true, false, Map.of(Metric.CPU, value)));
        }
        return figures;
    }

    Figures missing(int count) {
        for (int i = 0; i < count; i++) {
            replicas.add(new ReplicaFigures("m" + i, true, false, Map.of()));
        }
        return this;
    }

    Figures notReady(int count) {
        for (int i = 0; i < count; i++) {
            replicas.add(new ReplicaFigures("u" + i, false, false, Map.of()));
        }
        return this;
    }

    Figures initializing(double cpu) {
        replicas.add(new ReplicaFigures("i", true, true, Map.of(Metric.CPU, cpu)));
        return this;
    }

    Figures current(int replicas) {
        this.current = replicas;
        return this;
    }

    ScalingInput at(long seconds) {
        return new ScalingInput(seconds * 1000, current >= 0 ? current : replicas.size(), replicas, Map.of());
    }
}
