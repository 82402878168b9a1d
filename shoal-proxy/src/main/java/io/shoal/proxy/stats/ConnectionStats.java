package io.shoal.proxy.stats;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;

/**
 * The client-connection figures of nginx's stub_status, for {@code /status} and {@code /metrics}.
 * Event loops write striped adders (no locks, no allocation); readers sum them whenever they like.
 *
 * <p>A connection is <em>reading</em> from a request's head until its end has arrived, <em>writing</em>
 * from then until the end of the response went out, and <em>waiting</em> otherwise (idle between
 * requests), so that reading + writing + waiting = active, as in nginx.
 *
 * <p>Connections accepted and requests are counted per listener ({@link ListenerStats}) and summed here.
 */
public final class ConnectionStats {
    private final LongAdder reading = new LongAdder();
    private final LongAdder writing = new LongAdder();
    private final IntSupplier active;
    private final List<ListenerStats> listeners;

    /** @param listeners one per listener, in configuration order */
    public ConnectionStats(IntSupplier active, List<ListenerStats> listeners) {
        this.active = active;
        this.listeners = List.copyOf(listeners);
    }

    /** Each listener's figures, in configuration order. */
    public List<ListenerStats> listeners() {
        return listeners;
    }

    /** Client connections open now. */
    public long active() {
        return active.getAsInt();
    }

    /** Client connections accepted since start, including those closed at once past {@code max_connections}. */
    public long accepts() {
        return sum(ListenerStats::accepted);
    }

    /** Accepted connections that were served (not closed at once past {@code max_connections}). */
    public long handled() {
        return sum(ListenerStats::handled);
    }

    /** Client requests since start. */
    public long requests() {
        return sum(ListenerStats::requests);
    }

    public long reading() {
        return Math.max(0, reading.sum());
    }

    public long writing() {
        return Math.max(0, writing.sum());
    }

    /** Open connections neither reading nor writing: idle keep-alive connections. */
    public long waiting() {
        return Math.max(0, active() - reading() - writing());
    }

    private long sum(ToLongFunction<ListenerStats> figure) {
        long total = 0;
        for (ListenerStats listener : listeners) {
            total += figure.applyAsLong(listener);
        }
        return total;
    }

    /** Moves one connection's count from {@code from} to {@code to} (each one of the phases below). */
    void move(int from, int to) {
        if (from == to) {
            return;
        }
        adder(from, -1);
        adder(to, 1);
    }

    private void adder(int phase, int delta) {
        if (phase == ConnectionPhase.READING) {
            reading.add(delta);
        } else if (phase == ConnectionPhase.WRITING) {
            writing.add(delta);
        }
    }
}
