package io.shoal.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The slots of one run, spread round-robin over the event loops. Newest first, so that ramping down retires the
 * connections that ramping up added last. Threading: used by the engine's clock thread only.
 */
final class Slots {
    private final RunContext run;
    private final List<EventLoop> loops;
    private final List<LoopStats> stats;
    private final Bootstrap base;
    private final AtomicInteger active;
    private final Deque<Slot> live = new ArrayDeque<>();
    private int created;

    /** {@code active} counts slots created and not finished; a slot's {@link RunContext#slotFinished()} lowers it. */
    Slots(RunContext run, List<EventLoop> loops, List<LoopStats> stats, Bootstrap base, AtomicInteger active) {
        this.run = run;
        this.loops = loops;
        this.stats = stats;
        this.base = base;
        this.active = active;
    }

    /** Creates slots up to {@code target}, not started yet. */
    List<Slot> add(int target) {
        List<Slot> added = new ArrayList<>();
        while (live.size() < target) {
            int i = created++ % loops.size();
            Slot slot = new Slot(run, loops.get(i), stats.get(i), base);
            active.incrementAndGet();
            live.push(slot);
            added.add(slot);
        }
        return added;
    }

    /** Starts or retires slots until {@code target} are live. */
    void resize(int target) {
        add(target).forEach(Slot::start);
        while (live.size() > target) {
            live.pop().retire();
        }
    }
}
