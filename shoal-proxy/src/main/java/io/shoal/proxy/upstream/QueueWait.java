package io.shoal.proxy.upstream;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.shoal.topology.Server;
import io.shoal.topology.Service;
import java.util.concurrent.TimeUnit;

/**
 * A request's place in its service's queue while every server is at {@code max_conns} (HAProxy's
 * queue), and its queue timeout, which runs from the first time it queues: a request woken for a slot
 * that another took first queues again without a new timeout. Event-loop confined, on its request's loop.
 */
final class QueueWait implements RequestQueue.Waiter {
    private final UpstreamDispatch dispatch;
    private final RequestQueue queue;
    private final EventLoop loop;
    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    /** @param queue the service's queue, or null when no server has a {@code max_conns} */
    QueueWait(UpstreamDispatch dispatch, RequestQueue queue, EventLoop loop, long timeoutNanos) {
        this.dispatch = dispatch;
        this.queue = queue;
        this.loop = loop;
        this.timeoutNanos = timeoutNanos;
    }

    /** Queues the request if a server is full and the queue has room; false when it must be refused. */
    boolean offer(Service service) {
        if (queue == null || !anyServerFull(service) || !queue.offer(this)) {
            return false;
        }
        if (timer == null) {
            timer = loop.schedule(this::timedOut, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    private static boolean anyServerFull(Service service) {
        for (Server server : service.servers()) {
            if (server.isFull()) {
                return true;
            }
        }
        return false;
    }

    /** Leaves the queue (a server was found, or the request ended) and stops the timeout. */
    void cancel() {
        if (queue != null) {
            queue.remove(this);
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** One of the service's requests ended: the oldest waiter may now get a server. */
    void slotFreed() {
        if (queue != null) {
            queue.onSlotFreed();
        }
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public void wake() {
        dispatch.queueSlotFreed();
    }

    private void timedOut() {
        timer = null;
        if (queue.remove(this)) {
            dispatch.queueTimedOut();
        }
    }
}
