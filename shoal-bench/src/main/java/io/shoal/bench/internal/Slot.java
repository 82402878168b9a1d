package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.shoal.bench.ErrorKind;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One virtual user: sends a request through its {@link Link}, waits for the whole answer, then takes the next
 * ticket. The link reopens the connection when it was closed. A request ends exactly once, as an answer or as one
 * {@link ErrorKind}. The per-request timeout uses one lazily re-armed timer per slot rather than one scheduled task
 * per request.
 *
 * <p>Threading: everything runs on the slot's event loop.
 */
final class Slot {
    private final RunContext run;
    private final EventLoop loop;
    private final LoopStats stats;
    private final Link link;
    private final Runnable next = this::next;
    private final Runnable sendDue = this::sendDue;
    private final Runnable checkTimeout = this::checkTimeout;

    private ByteBuf body;
    private long intendedNanos;
    private long sentNanos;
    private int status;
    private String label;
    private boolean inFlight;
    private boolean resent;
    private boolean timerArmed;
    private boolean retired;
    private boolean finished;

    /** {@code link} runs on {@code loop}. */
    Slot(RunContext run, EventLoop loop, LoopStats stats, Link link) {
        this.run = run;
        this.loop = loop;
        this.stats = stats;
        this.link = link;
    }

    /**
     * Opens the connection ahead of the first request, so that the run's clock starts with connections ready. A
     * failure is not counted here: the first request will try again and count it; a server that refuses the
     * protocol stops the run at once.
     */
    Future<?> preconnect() {
        Promise<Void> tried = loop.newPromise();
        loop.execute(() -> link.open().addListener(f -> {
            if (f.cause() instanceof Connector.ProtocolRefused) {
                run.abort(f.cause().getMessage());
            }
            tried.setSuccess(null);
        }));
        return tried;
    }

    void start() {
        loop.execute(next);
    }

    /** Stops taking tickets; the request in flight, if any, still ends normally. */
    void retire() {
        loop.execute(() -> retired = true);
    }

    private void next() {
        long now = System.nanoTime();
        long due = retired ? Tickets.NONE : run.tickets.claim(now);
        if (due == Tickets.NONE) {
            finish();
            return;
        }
        intendedNanos = due;
        resent = false;
        if (due - now > 0) {
            loop.schedule(sendDue, due - now, TimeUnit.NANOSECONDS);
        } else {
            sendDue();
        }
    }

    private void sendDue() {
        if (link.ready()) {
            send();
        } else {
            link.open().addListener(this::connected);
        }
    }

    private void connected(Future<?> open) {
        if (open.isSuccess()) {
            sendDue(); // ready, unless another stream's answer closed the connection meanwhile
            return;
        }
        if (open.cause() instanceof Connector.ProtocolRefused) {
            run.abort(open.cause().getMessage());
            next();
            return;
        }
        stats.error(open.cause() instanceof SSLException ? ErrorKind.TLS : ErrorKind.CONNECT);
        if (run.openModel) {
            next();
        } else {
            loop.schedule(next, RunContext.CONNECT_RETRY_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    private void send() {
        inFlight = true;
        status = 0;
        label = null;
        if (!resent) {
            sentNanos = System.nanoTime();
        }
        if (!timerArmed) {
            timerArmed = true;
            loop.schedule(checkTimeout, run.timeoutNanos, TimeUnit.NANOSECONDS);
        }
        link.send(this);
    }

    /** The final answer's status and label arrived. */
    void head(int status, String label) {
        if (inFlight) {
            this.status = status;
            this.label = label;
        }
    }

    /** Body bytes, valid during the call only; passed on only when the run reads a JSON label. */
    void body(ByteBuf chunk) {
        if (!inFlight) {
            return;
        }
        if (body == null) {
            body = PooledByteBufAllocator.DEFAULT.heapBuffer();
        }
        body.writeBytes(chunk, Math.min(chunk.readableBytes(), Math.max(0, RunContext.MAX_BODY_BYTES - body.readableBytes())));
    }

    /** The answer is complete. */
    void complete() {
        if (!inFlight) {
            return;
        }
        inFlight = false;
        stats.response(status, System.nanoTime() - intendedNanos);
        if (run.jsonField != null) {
            stats.instance(body == null ? null
                    : JsonField.topLevel(body.array(), body.arrayOffset() + body.readerIndex(), body.readableBytes(), run.jsonField));
            if (body != null) {
                body.clear();
            }
        } else if (run.header != null) {
            stats.instance(label);
        }
        next();
    }

    /**
     * The server did not process the request (HTTP/2's GOAWAY or REFUSED_STREAM), so it is sent again, on a new
     * connection if this one is going away, as often as that happens within the timeout counted from its first send;
     * its latency still counts from its due time.
     */
    void resend() {
        if (!inFlight) {
            return;
        }
        resent = true;
        inFlight = false;
        if (body != null) {
            body.clear();
        }
        sendDue();
    }

    /** The request ended without an answer. */
    void failed(ErrorKind kind) {
        if (!inFlight) {
            return;
        }
        inFlight = false;
        if (body != null) {
            body.clear();
        }
        stats.error(kind);
        next();
    }

    private void checkTimeout() {
        timerArmed = false;
        if (!inFlight || finished) {
            return;
        }
        long left = sentNanos + run.timeoutNanos - System.nanoTime();
        if (left > 0) {
            timerArmed = true;
            loop.schedule(checkTimeout, left, TimeUnit.NANOSECONDS);
            return;
        }
        link.abandon(this);
        failed(ErrorKind.TIMEOUT);
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        link.release(this);
        if (body != null) {
            body.release();
            body = null;
        }
        run.slotFinished();
    }
}
