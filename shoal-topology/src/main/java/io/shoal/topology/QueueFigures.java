package io.shoal.topology;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests of one service wait for a server below its {@code max_conns} now, and the most that
 * ever waited at once (HAProxy's qcur and qmax). The data plane's queue counts its places here, so the
 * count it bounds the queue by and the one {@code /metrics} shows are the same. Lock-free.
 */
public final class QueueFigures {
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();

    /** Takes a place if fewer than {@code capacity} are taken; false when the queue is full. */
    public boolean tryEnter(int capacity) {
        int now = current.incrementAndGet();
        if (now > capacity) {
            current.decrementAndGet();
            return false;
        }
        if (now > max.get()) {
            max.accumulateAndGet(now, Math::max);
        }
        return true;
    }

    /** A waiter left its place: woken for a slot, timed out, or gone. */
    public void left() {
        current.decrementAndGet();
    }

    public int current() {
        return current.get();
    }

    public int max() {
        return max.get();
    }
}
