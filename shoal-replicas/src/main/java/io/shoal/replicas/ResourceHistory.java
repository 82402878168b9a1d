package io.shoal.replicas;

import io.shoal.topology.TrafficSampler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CPU and memory samples of each running replica over the last {@link TrafficSampler#HISTORY_SECONDS}
 * samples, oldest first, each with its own time: a reader on another timer (the dashboard's stream) sends
 * the samples themselves rather than whatever the newest one is when it looks, so that none is shown twice
 * or missed. The manager's thread adds; any thread reads.
 */
final class ResourceHistory {
    private final Map<String, ArrayDeque<ResourceSample>> byReplica = new LinkedHashMap<>();

    synchronized void add(String replicaId, ResourceSample sample) {
        ArrayDeque<ResourceSample> series = byReplica.computeIfAbsent(replicaId, id -> new ArrayDeque<>());
        series.addLast(sample);
        while (series.size() > TrafficSampler.HISTORY_SECONDS) {
            series.removeFirst();
        }
    }

    /** Forgets the replicas not running any more. */
    synchronized void retain(Set<String> running) {
        byReplica.keySet().retainAll(running);
    }

    /** The newest sample of the replica, or null without one. */
    synchronized ResourceSample newest(String replicaId) {
        ArrayDeque<ResourceSample> series = byReplica.get(replicaId);
        return series == null ? null : series.peekLast();
    }

    /** Every replica's samples, oldest first, by replica id. */
    synchronized Map<String, List<ResourceSample>> all() {
        Map<String, List<ResourceSample>> copy = new LinkedHashMap<>();
        byReplica.forEach((id, series) -> copy.put(id, new ArrayList<>(series)));
        return copy;
    }
}
