package io.shoal.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one run and their slots (one per HTTP/1.1 connection, one per stream of an HTTP/2 one), spread
 * round-robin over the event loops. Newest first, so that ramping down retires the connections that ramping up
 * added last. Threading: used by the engine's clock thread only.
 */
final class Slots {
    private final RunContext run;
    private final List<EventLoop> loops;
    private final List<LoopStats> stats;
    private final Bootstrap base;
    private final AtomicInteger active;
    private final Deque<List<Slot>> live = new ArrayDeque<>();
    private int created;

    /** {@code active} counts slots created and not finished; a slot's {@link RunContext#slotFinished()} lowers it. */
    Slots(RunContext run, List<EventLoop> loops, List<LoopStats> stats, Bootstrap base, AtomicInteger active) {
        this.run = run;
        this.loops = loops;
        this.stats = stats;
        this.base = base;
        this.active = active;
    }

    /** Creates connections up to {@code target}; returns their slots, not started yet. */
    List<Slot> add(int target) {
        List<Slot> added = new ArrayList<>();
        while (live.size() < target) {
            int i = created++ % loops.size();
            EventLoop loop = loops.get(i);
            Link link = run.h2 ? new H2Link(run, loop, stats.get(i), base, run.streams)
                    : new Http1Link(run, loop, stats.get(i), base);
            List<Slot> slots = new ArrayList<>(run.streams);
            for (int stream = 0; stream < run.streams; stream++) {
                slots.add(new Slot(run, loop, stats.get(i), link));
            }
            active.addAndGet(slots.size());
            live.push(slots);
            added.addAll(slots);
        }
        return added;
    }

    /** Starts or retires connections until {@code target} are live. */
    void resize(int target) {
        add(target).forEach(Slot::start);
        while (live.size() > target) {
            live.pop().forEach(Slot::retire);
        }
    }
}
