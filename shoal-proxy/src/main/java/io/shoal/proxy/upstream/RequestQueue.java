package io.shoal.proxy.upstream;

import io.netty.channel.EventLoop;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests of one service waiting while every server is at its {@code max_conns} (HAProxy's queue).
 * Shared by every event loop, so lock-free: a freed slot wakes the oldest waiter on its own loop.
 * Only services with a {@code max_conns} limit have one, so other services pay nothing.
 */
public final class RequestQueue {
    private final int capacity;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    public RequestQueue(int capacity) {
        this.capacity = capacity;
    }

    /** A request parked on its event loop until a slot frees or its queue timeout passes. */
    interface Waiter {
        EventLoop eventLoop();

        /** Runs on {@link #eventLoop()}: try to pick a server again. */
        void wake();
    }

    /** @return false when the queue is full, and the request must be refused (503) */
    boolean offer(Waiter waiter) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        waiters.offer(waiter);
        return true;
    }

    /** Takes a waiter out that gave up (timed out or its client left); false if it was already woken. */
    boolean remove(Waiter waiter) {
        if (waiters.remove(waiter)) {
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    /** A request to one of the service's servers ended: the oldest waiter may now get a server. */
    void onSlotFreed() {
        if (size.get() == 0) {
            return;
        }
        Waiter waiter = waiters.poll();
        if (waiter != null) {
            size.decrementAndGet();
            waiter.eventLoop().execute(waiter::wake);
        }
    }

    public int size() {
        return size.get();
    }
}
