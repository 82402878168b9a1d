package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replicas of a running Shoal over time, read from its admin API every 100 ms on a thread of its
 * own: how many there are (the autoscaler's current count: starting and ready ones, not those
 * stopping), how many are ready, and when each replica was first seen and first seen ready.
 */
final class ReplicaTimeline implements AutoCloseable {
    private static final Set<String> LEAVING = Set.of("STOPPING", "FAILED", "STANDBY");

    /** One reading, {@code millis} after the timeline started. */
    record Sample(long millis, int replicas, int ready) {}

    private final AdminApi admin;
    private final long startNanos = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, Long> firstSeen = new LinkedHashMap<>();
    private final Map<String, Long> firstReady = new LinkedHashMap<>();
    private final Set<String> there = new java.util.HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ReplicaTimeline(AdminApi admin) {
        this.admin = admin;
        this.thread = new Thread(this::loop, "replica-timeline");
        thread.setDaemon(true);
    }

    static ReplicaTimeline start(AdminApi admin) {
        ReplicaTimeline timeline = new ReplicaTimeline(admin);
        timeline.thread.start();
        return timeline;
    }

    private void loop() {
        while (running) {
            try {
                JsonNode replicas = admin.replicas();
                long now = millis();
                int counted = 0;
                int ready = 0;
                synchronized (this) {
                    for (JsonNode replica : replicas) {
                        String id = replica.path("id").asText();
                        String state = replica.path("state").asText();
                        if (samples.isEmpty()) {
                            there.add(id); // running before the timeline: its start-up was not seen
                        }
                        if (!LEAVING.contains(state)) {
                            counted++;
                            firstSeen.putIfAbsent(id, now);
                        }
                        if (state.equals("READY")) {
                            ready++;
                            firstReady.putIfAbsent(id, now);
                        }
                    }
                    samples.add(new Sample(now, counted, ready));
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the admin API may be briefly busy; the next reading counts
            }
        }
    }

    /** Milliseconds since this timeline started. */
    long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** The first reading at or after {@code fromMillis} with at least {@code n} ready replicas, or -1. */
    synchronized long firstWithReady(int n, long fromMillis) {
        return samples.stream().filter(s -> s.millis() >= fromMillis && s.ready() >= n)
                .mapToLong(Sample::millis).findFirst().orElse(-1);
    }

    /** The first reading at or after {@code fromMillis} with exactly {@code n} replicas, or -1. */
    synchronized long firstWithReplicas(int n, long fromMillis) {
        return samples.stream().filter(s -> s.millis() >= fromMillis && s.replicas() == n)
                .mapToLong(Sample::millis).findFirst().orElse(-1);
    }

    /** Start-up time of each replica started while the timeline ran: first seen to first seen ready, in ms. */
    synchronized List<Long> startupMillis() {
        List<Long> times = new ArrayList<>();
        firstSeen.forEach((id, seen) -> {
            Long ready = firstReady.get(id);
            if (ready != null && !there.contains(id)) {
                times.add(ready - seen);
            }
        });
        return times;
    }

    synchronized int peak() {
        return samples.stream().mapToInt(Sample::replicas).max().orElse(0);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
