package io.shoal.proxy.http1;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client connection's one timer for the timeouts of its exchanges ({@link ExchangeTimer}): armed for
 * the nearest deadline, never a task per request. Event-loop confined.
 */
final class ConnectionTimer {
    private final EventExecutor loop;
    private final Runnable onFire;
    private ScheduledFuture<?> pending;

    ConnectionTimer(EventExecutor loop, Runnable onFire) {
        this.loop = loop;
        this.onFire = onFire;
    }

    /** Makes sure the timer fires within {@code delayNanos}; an earlier one already armed stays. */
    void arm(long delayNanos) {
        if (pending == null) {
            pending = loop.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
        } else if (pending.getDelay(TimeUnit.NANOSECONDS) > delayNanos) {
            pending.cancel(false);
            pending = loop.schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    void cancel() {
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
