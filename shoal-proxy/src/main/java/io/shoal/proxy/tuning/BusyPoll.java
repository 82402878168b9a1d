package io.shoal.proxy.tuning;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

/**
 * HAProxy's {@code busy-polling}, bounded: an event loop that runs out of work polls without blocking
 * for up to {@code tuning.busy_poll} before it sleeps in {@code epoll_wait}. Under load the next
 * request or response usually arrives within that time, so the loop neither sleeps nor has to be
 * woken: the peer that sends to it does not pay for the wake-up, and the request does not wait for
 * the scheduler. An idle loop polls once per wake-up and then sleeps as before.
 */
public final class BusyPoll implements SelectStrategy {
    private final long pollNanos;

    public BusyPoll(long pollNanos) {
        this.pollNanos = pollNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        int ready = selectNow.get();
        if (ready > 0 || hasTasks) {
            return ready;
        }
        long deadline = System.nanoTime() + pollNanos;
        do {
            Thread.onSpinWait();
            ready = selectNow.get();
        } while (ready == 0 && System.nanoTime() - deadline < 0);
        // SELECT lets the loop block; if a task arrived meanwhile, the loop sees it and does not block.
        return ready > 0 ? ready : SelectStrategy.SELECT;
    }
}
