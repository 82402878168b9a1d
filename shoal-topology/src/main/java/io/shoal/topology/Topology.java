package io.shoal.topology;

import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Owner of the current {@link Snapshot}. The control plane publishes; the data plane reads
 * {@link #current()} once per request. Publishing is a single atomic swap; requests in flight finish
 * on the snapshot they started with.
 */
public final class Topology {
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final ConcurrentHashMap<String, EjectionBudget> budgets = new ConcurrentHashMap<>();
    private final List<ServerListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ShoalConfig config;

    private Topology() {}

    public static Topology of(ShoalConfig config) {
        Topology topology = new Topology();
        topology.reconfigure(config);
        return topology;
    }

    public Snapshot current() {
        return current.get();
    }

    public ShoalConfig config() {
        return config;
    }

    /** Publishes the snapshot of a new configuration. Servers that stay keep their live figures and state. */
    public synchronized void reconfigure(ShoalConfig next) {
        config = next;
        current.set(SnapshotBuilder.build(next, current.get(), this));
    }

    /** Replaces one service's configuration (e.g. its servers, as replicas come and go) and republishes. */
    public synchronized void updateService(String name, UnaryOperator<ServiceConfig> change) {
        reconfigure(config.withService(change.apply(config.services().get(name))));
    }

    /**
     * Replaces the whole configuration with what {@code change} makes of the current one, as one step:
     * no other change (a replica joining, say) can come between reading and publishing.
     */
    public synchronized ShoalConfig reconfigure(UnaryOperator<ShoalConfig> change) {
        ShoalConfig next = change.apply(config);
        reconfigure(next);
        return next;
    }

    /**
     * Sets a server's weight at run time (HAProxy's {@code set server weight}) and republishes; it lasts
     * until a reload changes the server's entry in the file.
     */
    public synchronized void setWeight(Server server, int weight) {
        server.setConfiguredWeight(weight);
        refreshWeights();
    }

    /**
     * Advances slow-start ramps and republishes when a weight changed. The control plane calls this
     * periodically (a few times a second); it is cheap when nothing ramps.
     */
    public synchronized boolean refreshWeights() {
        long now = System.nanoTime();
        boolean changed = false;
        for (Service service : current.get().services().values()) {
            for (Server server : service.servers()) {
                changed |= server.refreshWeight(now);
            }
        }
        if (changed) {
            current.set(SnapshotBuilder.build(config, current.get(), this));
        }
        return changed;
    }

    public void addListener(ServerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ServerListener listener) {
        listeners.remove(listener);
    }

    EjectionBudget budget(String serviceName) {
        return budgets.computeIfAbsent(serviceName, name -> new EjectionBudget());
    }

    /** Every server reports its state changes here; a server coming UP starts its slow start at once. */
    void stateChanged(Server server, ServerStatus previous, ServerStatus now) {
        ServerEvents.stateChanged(server, now);
        if (now.state() == ServerState.UP) {
            refreshWeights();
        }
        for (ServerListener listener : listeners) {
            listener.stateChanged(server, previous, now);
        }
    }
}
