package io.shoal.topology;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The thread of every snapshot rebuild of one topology, in order: for tests outside the topology's package. */
public final class RebuildThreads {
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private RebuildThreads() {}

    public static RebuildThreads of(Topology topology) {
        RebuildThreads recorded = new RebuildThreads();
        topology.onRebuilt(() -> recorded.threads.add(Thread.currentThread()));
        return recorded;
    }

    public List<Thread> threads() {
        return List.copyOf(threads);
    }
}
