package io.shoal.proxy.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one event-log line per key (a server, a service) per interval, and how many were held back
 * in between, so that a server refusing every connection costs one line every few seconds, not one a
 * request. Lock-free: any event loop may ask.
 */
final class LogThrottle {
    /** Keys of servers and services that are gone are forgotten past this many; none is kept long. */
    static final int MAX_KEYS = 4096;
    /** Returned by {@link #admit} when the line is held back. */
    static final long HELD_BACK = -1;

    private final long intervalNanos;
    private final ConcurrentHashMap<Object, Window> windows = new ConcurrentHashMap<>();

    LogThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** {@link #HELD_BACK}, or the number of lines held back for {@code key} since the last one admitted. */
    long admit(Object key, long nowNanos) {
        Window window = windows.get(key);
        if (window == null) {
            if (windows.size() >= MAX_KEYS) {
                windows.clear();
            }
            window = windows.computeIfAbsent(key, k -> new Window(nowNanos));
        }
        long opens = window.opensNanos.get();
        if (nowNanos - opens >= 0 && window.opensNanos.compareAndSet(opens, nowNanos + intervalNanos)) {
            return window.heldBack.getAndSet(0);
        }
        window.heldBack.incrementAndGet();
        return HELD_BACK;
    }

    /** When the next line for a key may go out, and how many were held back until then. */
    private static final class Window {
        final AtomicLong opensNanos;
        final AtomicLong heldBack = new AtomicLong();

        Window(long nowNanos) {
            this.opensNanos = new AtomicLong(nowNanos);
        }
    }
}
