package io.shoal.autoscaler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live autoscaler did and what it costs, for {@code GET /api/v1/events} and {@code shoal events}:
 * the last {@link #KEPT_PER_SERVICE} decisions of each service, the alerts standing now, and the
 * replica-hours counted since Shoal started. Written by the autoscaler's thread, read by the admin
 * endpoint's: every method is synchronized.
 */
public final class EventLog {
    /** An hour of decisions at the default interval of one second. */
    public static final int KEPT_PER_SERVICE = 3600;
    private static final long HOUR_MILLIS = 3_600_000;

    /** Replica-hours of one service since Shoal started, and their cost at the configured price. */
    public record Usage(double replicaHours, double pricePerReplicaHour) {
        /** 0 without a price. */
        public double cost() {
            return replicaHours * pricePerReplicaHour;
        }
    }

    /** How often a service's replica count was changed, each way, since Shoal started. */
    public record Scalings(long up, long down) {}

    private final Map<String, ArrayDeque<ScalingEvent>> events = new LinkedHashMap<>();
    private final Map<String, Scalings> scalings = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Long>> changes = new LinkedHashMap<>();
    private final Map<String, Usage> usage = new LinkedHashMap<>();
    private final Map<String, List<Alert>> alerts = new LinkedHashMap<>();

    /** Keeps {@code event}; returns how many times the service's count changed within the hour before it. */
    public synchronized int record(ScalingEvent event) {
        ArrayDeque<ScalingEvent> kept = events.computeIfAbsent(event.service(), s -> new ArrayDeque<>());
        if (kept.size() == KEPT_PER_SERVICE) {
            kept.pollFirst();
        }
        kept.addLast(event);
        ArrayDeque<Long> changed = changes.computeIfAbsent(event.service(), s -> new ArrayDeque<>());
        Decision decision = event.decision();
        if (decision.changes()) {
            changed.addLast(event.atMillis());
            Scalings before = scalings.getOrDefault(event.service(), new Scalings(0, 0));
            boolean up = decision.desired() > decision.current();
            scalings.put(event.service(), new Scalings(before.up() + (up ? 1 : 0), before.down() + (up ? 0 : 1)));
        }
        while (!changed.isEmpty() && event.atMillis() - changed.peekFirst() > HOUR_MILLIS) {
            changed.pollFirst();
        }
        return changed.size();
    }

    /** Adds {@code replicas} running for {@code millis}. */
    public synchronized void countReplicas(String service, int replicas, long millis, double pricePerReplicaHour) {
        Usage before = usage.getOrDefault(service, new Usage(0, pricePerReplicaHour));
        usage.put(service, new Usage(before.replicaHours() + replicas * millis / (double) HOUR_MILLIS, pricePerReplicaHour));
    }

    /** Replaces the service's standing alerts; returns those that were not standing before, to announce. */
    public synchronized List<Alert> standing(String service, List<Alert> now) {
        List<Alert> before = alerts.getOrDefault(service, List.of());
        alerts.put(service, List.copyOf(now));
        List<Alert> raised = new ArrayList<>();
        for (Alert alert : now) {
            if (before.stream().noneMatch(b -> b.kind().equals(alert.kind()))) {
                raised.add(alert);
            }
        }
        return raised;
    }

    /**
     * Decisions, oldest first.
     *
     * @param service one service, or null for all
     * @param sinceMillis only those after this time (epoch milliseconds), 0 for all kept
     * @param all every decision; otherwise only {@link ScalingEvent#notable() notable} ones
     */
    public synchronized List<ScalingEvent> events(String service, long sinceMillis, boolean all) {
        List<ScalingEvent> result = new ArrayList<>();
        events.forEach((name, kept) -> {
            if (service == null || service.equals(name)) {
                for (ScalingEvent event : kept) {
                    if (event.atMillis() > sinceMillis && (all || event.notable())) {
                        result.add(event);
                    }
                }
            }
        });
        result.sort(java.util.Comparator.comparingLong(ScalingEvent::atMillis));
        return result;
    }

    public synchronized List<Alert> alerts() {
        List<Alert> all = new ArrayList<>();
        alerts.values().forEach(all::addAll);
        return all;
    }

    /** Per service that was ever scaled; for {@code shoal_scaling_events_total}. */
    public synchronized Map<String, Scalings> scalings() {
        return new LinkedHashMap<>(scalings);
    }

    public synchronized Map<String, Usage> usage() {
        return new LinkedHashMap<>(usage);
    }

    /** The services the autoscaler has decided for. */
    public synchronized List<String> services() {
        return new ArrayList<>(events.keySet());
    }
}
