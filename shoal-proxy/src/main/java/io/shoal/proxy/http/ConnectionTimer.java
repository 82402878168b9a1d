package io.shoal.proxy.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client connection's one timer for the timeouts of its exchanges ({@link ExchangeTimer}): armed for
 * the nearest deadline, never a task per request (an HTTP/2 stream, which has one exchange, has its own).
 * Event-loop confined.
 */
public final class ConnectionTimer {
    private final EventExecutor loop;
    private final Runnable onFire;
    private ScheduledFuture<?> pending;

    public ConnectionTimer(EventExecutor loop, Runnable onFire) {
        this.loop = loop;
        this.onFire = onFire;
    }

    /** Makes sure the timer fires within {@code delayNanos}; an earlier one already armed stays. */
    public void arm(long delayNanos) {
        if (pending == null) {
            pending = loop.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
        } else if (pending.getDelay(TimeUnit.NANOSECONDS) > delayNanos) {
            pending.cancel(false);
            pending = loop.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    public void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void fire() {
        pending = null;
        onFire.run();
    }
}
