package io.shoal.topology;

import io.shoal.config.ShoalConfig;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owner of the current {@link Snapshot}. The control plane publishes; the data plane reads
 * {@link #current()} once per request. Publishing is a single atomic swap.
 */
public final class Topology {
    private final AtomicReference<Snapshot> current;

    private Topology(Snapshot initial) {
        this.current = new AtomicReference<>(initial);
    }

    public static Topology of(ShoalConfig config) {
        return new Topology(SnapshotBuilder.build(config, null));
    }

    /**
     * Publishes the snapshot of a new configuration. Servers that stay keep their live figures;
     * requests in flight finish on the snapshot they started with.
     */
    public void reconfigure(ShoalConfig config) {
        current.set(SnapshotBuilder.build(config, current.get()));
    }

    public Snapshot current() {
        return current.get();
    }
}
