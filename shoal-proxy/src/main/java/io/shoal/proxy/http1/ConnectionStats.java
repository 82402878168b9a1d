package io.shoal.proxy.http1;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The client-connection figures of nginx's stub_status, for {@code /status} and {@code /metrics}.
 * Event loops write striped adders (no locks, no allocation); readers sum them whenever they like.
 *
 * <p>A connection is <em>reading</em> from a request's head until its end has arrived, <em>writing</em>
 * from then until the end of the response went out, and <em>waiting</em> otherwise (idle between
 * requests), so that reading + writing + waiting = active, as in nginx.
 */
public final class ConnectionStats {
    private final LongAdder accepts = new LongAdder();
    private final LongAdder handled = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder reading = new LongAdder();
    private final LongAdder writing = new LongAdder();
    private final IntSupplier active;

    public ConnectionStats(IntSupplier active) {
        this.active = active;
    }

    /** Client connections open now. */
    public long active() {
        return active.getAsInt();
    }

    /** Client connections accepted since start, including those closed at once past {@code max_connections}. */
    public long accepts() {
        return accepts.sum();
    }

    /** Accepted connections that were served (not closed at once past {@code max_connections}). */
    public long handled() {
        return handled.sum();
    }

    /** Client requests since start. */
    public long requests() {
        return requests.sum();
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

    void accepted(boolean served) {
        accepts.increment();
        if (served) {
            handled.increment();
        }
    }

    void requestArrived() {
        requests.increment();
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
