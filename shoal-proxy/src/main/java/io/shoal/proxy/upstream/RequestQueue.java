package io.shoal.proxy.upstream;

import io.netty.channel.EventLoop;
import io.shoal.topology.QueueFigures;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Requests of one service waiting while every server is at its {@code max_conns} (HAProxy's queue).
 * Shared by every event loop, so lock-free: a freed slot wakes the oldest waiter on its own loop.
 * Only services with a {@code max_conns} limit have one, so other services pay nothing. Its length is
 * counted in the service's {@link QueueFigures}, which {@code /metrics} reads.
 */
public final class RequestQueue {
    private final int capacity;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final QueueFigures size;

    public RequestQueue(int capacity, QueueFigures size) {
        this.capacity = capacity;
        this.size = size;
    }

    /** A request parked on its event loop until a slot frees or its queue timeout passes. */
    interface Waiter {
        EventLoop eventLoop();

        /** Runs on {@link #eventLoop()}: try to pick a server again. */
        void wake();
    }

    /** @return false when the queue is full, and the request must be refused (503) */
    boolean offer(Waiter waiter) {
        if (!size.tryEnter(capacity)) {
            return false;
        }
        waiters.offer(waiter);
        return true;
    }

    /** Takes a waiter out that gave up (timed out or its client left); false if it was already woken. */
    boolean remove(Waiter waiter) {
        if (waiters.remove(waiter)) {
            size.left();
            return true;
        }
        return false;
    }

    /** A request to one of the service's servers ended: the oldest waiter may now get a server. */
    void onSlotFreed() {
        if (size.current() == 0) {
            return;
        }
        Waiter waiter = waiters.poll();
        if (waiter != null) {
            size.left();
            waiter.eventLoop().execute(waiter::wake);
        }
    }

    public int size() {
        return size.current();
    }
}
