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
 *
 * <p>Threading: every change runs on the topology's {@link ControlLoop}, the one thread that rebuilds
 * snapshots; the methods that change it may be called from any thread but an event loop, and wait.
 */
public final class Topology implements AutoCloseable {
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final ConcurrentHashMap<String, EjectionBudget> budgets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, QueueFigures> queues = new ConcurrentHashMap<>();
    private final List<ServerListener> listeners = new CopyOnWriteArrayList<>();
    private final ControlLoop control = new ControlLoop();
    private final Ticker ticker;
    private volatile ShoalConfig config;
    private volatile Runnable rebuilt = () -> {};

    private Topology(Ticker ticker) {
        this.ticker = ticker;
    }

    public static Topology of(ShoalConfig config) {
        return of(config, Ticker.SYSTEM);
    }

    /** @param ticker the time of state changes and slow-start ramps */
    public static Topology of(ShoalConfig config, Ticker ticker) {
        Topology topology = new Topology(ticker);
        topology.reconfigure(config);
        return topology;
    }

    public Snapshot current() {
        return current.get();
    }

    public ShoalConfig config() {
        return config;
    }

    /** The thread that applies changes: health results, ramps and drains are handed to it. */
    public ControlLoop control() {
        return control;
    }

    public Ticker ticker() {
        return ticker;
    }

    /** Publishes the snapshot of a new configuration. Servers that stay keep their live figures and state. */
    public void reconfigure(ShoalConfig next) {
        control.run(() -> publish(next));
    }

    /** Replaces one service's configuration (e.g. its servers, as replicas come and go) and republishes. */
    public void updateService(String name, UnaryOperator<ServiceConfig> change) {
        control.run(() -> publish(config.withService(change.apply(config.services().get(name)))));
    }

    /**
     * Replaces the whole configuration with what {@code change} makes of the current one, as one step:
     * no other change (a replica joining, say) can come between reading and publishing.
     */
    public ShoalConfig reconfigure(UnaryOperator<ShoalConfig> change) {
        return control.call(() -> {
            ShoalConfig next = change.apply(config);
            publish(next);
            return next;
        });
    }

    /**
     * Sets a server's weight at run time (HAProxy's {@code set server weight}) and republishes; it lasts
     * until a reload changes the server's entry in the file.
     */
    public void setWeight(Server server, int weight) {
        control.run(() -> {
            server.setConfiguredWeight(weight);
            rampWeights();
        });
    }

    /**
     * Advances slow-start ramps to the ticker's time and republishes when a weight changed. The control
     * plane calls this periodically (a few times a second); it is cheap when nothing ramps.
     */
    public boolean refreshWeights() {
        return control.call(this::rampWeights);
    }

    public void addListener(ServerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ServerListener listener) {
        listeners.remove(listener);
    }

    /** Stops the control thread; changes handed to it afterwards are dropped or refused. */
    @Override
    public void close() {
        control.close();
    }

    /** Tests see on which thread each snapshot is built. */
    void onRebuilt(Runnable hook) {
        rebuilt = hook;
    }

    /** The queue figures of a service, kept across reloads as its servers are. */
    public QueueFigures queue(String serviceName) {
        return queues.computeIfAbsent(serviceName, name -> new QueueFigures());
    }

    EjectionBudget budget(String serviceName) {
        return budgets.computeIfAbsent(serviceName, name -> new EjectionBudget());
    }

    /** Every server reports its state changes here, on the control thread; one coming UP starts its slow start. */
    void stateChanged(Server server, ServerStatus previous, ServerStatus now) {
        ServerEvents.stateChanged(server, now);
        if (now.state() == ServerState.UP) {
            rampWeights();
        }
        for (ServerListener listener : listeners) {
            listener.stateChanged(server, previous, now);
        }
    }

    private boolean rampWeights() {
        long now = ticker.nanoTime();
        boolean changed = false;
        for (Service service : current.get().services().values()) {
            for (Server server : service.servers()) {
                changed |= server.refreshWeight(now);
            }
        }
        if (changed) {
            publish(config);
        }
        return changed;
    }

    private void publish(ShoalConfig next) {
        config = next;
        current.set(SnapshotBuilder.build(next, current.get(), this));
        rebuilt.run();
    }
}
