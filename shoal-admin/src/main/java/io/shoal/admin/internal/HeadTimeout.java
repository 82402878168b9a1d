package io.shoal.admin.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The executor the JDK HTTP server runs its exchanges on, with nginx's {@code client_header_timeout}. The JDK
 * server reads a request's head on the executor's thread with blocking reads, so a client that sends half a head
 * holds a worker until it goes away: a few such clients would starve the API. Here every exchange must be
 * {@link #admit admitted} (its head read and allowed, a read's body drained) within the timeout from its first byte;
 * otherwise its thread is interrupted, which closes the connection (the JDK reads through an interruptible
 * {@code SocketChannel}). Refused requests stay under the timeout while their refusal is written.
 *
 * <p>Threading: {@link Deadline} is shared between its worker and the timer, and guarded by itself.
 */
public final class HeadTimeout implements Executor {
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final Duration timeout;

    public HeadTimeout(Executor workers, ScheduledExecutorService timer, Duration timeout) {
        this.workers = workers;
        this.timer = timer;
        this.timeout = timeout;
    }

    @Override
    public void execute(Runnable exchange) {
        workers.execute(() -> runUnderDeadline(exchange));
    }

    private void runUnderDeadline(Runnable exchange) {
        Deadline deadline = new Deadline(Thread.currentThread());
        ScheduledFuture<?> expiry = timer.schedule(deadline::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        CURRENT.set(deadline);
        try {
            exchange.run();
        } finally {
            CURRENT.remove();
            expiry.cancel(false);
            deadline.finish();
            Thread.interrupted(); // an expiry interrupts only before finish(): the next exchange starts clean
        }
    }

    /**
     * Called on the exchange's thread once the request may be served: its deadline no longer applies.
     *
     * @throws IOException if the deadline passed first (the connection is being closed)
     */
    public static void admit() throws IOException {
        Deadline deadline = CURRENT.get();
        if (deadline != null && !deadline.admit()) {
            throw new IOException("the request was not read within the head timeout");
        }
    }

    private enum Phase { READING, ADMITTED, EXPIRED, FINISHED }

    private static final class Deadline {
        private final Thread worker;
        private Phase phase = Phase.READING;

        Deadline(Thread worker) {
            this.worker = worker;
        }

        synchronized void expire() {
            if (phase == Phase.READING) {
                phase = Phase.EXPIRED;
                worker.interrupt();
            }
        }

        synchronized boolean admit() {
            if (phase == Phase.READING) {
                phase = Phase.ADMITTED;
            }
            return phase == Phase.ADMITTED;
        }

        synchronized void finish() {
            phase = Phase.FINISHED;
        }
    }
}
