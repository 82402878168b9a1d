package io.shoal.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.shoal.bench.ErrorKind;
import java.util.concurrent.TimeUnit;

/**
 * One virtual user: sends a request on its connection, waits for the whole answer, then takes the next ticket. It
 * reconnects when the connection is closed, and with keep-alive off after every answer. A request ends exactly once,
 * as an answer or as one {@link ErrorKind}. The per-request timeout uses one lazily re-armed timer per slot rather
 * than one scheduled task per request.
 *
 * <p>Threading: everything runs on the slot's event loop.
 */
final class Slot implements ResponseListener {
    private final RunContext run;
    private final EventLoop loop;
    private final LoopStats stats;
    private final Bootstrap bootstrap;
    private final Runnable next = this::next;
    private final Runnable sendDue = this::sendDue;
    private final Runnable checkTimeout = this::checkTimeout;

    private Channel channel;
    private ByteBuf body;
    private long intendedNanos;
    private long sentNanos;
    private int status;
    private String label;
    private boolean reusable;
    private boolean inFlight;
    private boolean timerArmed;
    private boolean started;
    private boolean retired;
    private boolean finished;

    Slot(RunContext run, EventLoop loop, LoopStats stats, Bootstrap base) {
        this.run = run;
        this.loop = loop;
        this.stats = stats;
        this.bootstrap = base.clone(loop).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("parser", new ResponseParser(Slot.this, stats, run.head, run.jsonField != null, run.header));
            }
        });
    }

    /**
     * Opens the connection ahead of the first request, so that the run's clock starts with connections ready. A
     * failure is not counted here: the first request will try again and count it.
     */
    ChannelFuture preconnect() {
        return bootstrap.connect(run.address).addListener((ChannelFuture f) -> {
            if (f.isSuccess() && started) {
                f.channel().close(); // too late: the slot started without it and opened its own
            } else if (f.isSuccess()) {
                channel = f.channel();
            }
        });
    }

    void start() {
        loop.execute(() -> {
            started = true;
            next();
        });
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
        if (due - now > 0) {
            loop.schedule(sendDue, due - now, TimeUnit.NANOSECONDS);
        } else {
            sendDue();
        }
    }

    private void sendDue() {
        if (channel != null && channel.isActive()) {
            send();
        } else {
            bootstrap.connect(run.address).addListener((ChannelFuture f) -> connected(f));
        }
    }

    private void connected(ChannelFuture connect) {
        if (connect.isSuccess()) {
            channel = connect.channel();
            send();
            return;
        }
        stats.error(ErrorKind.CONNECT);
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
        reusable = run.keepAlive;
        sentNanos = System.nanoTime();
        channel.writeAndFlush(run.template.next(), channel.voidPromise());
        if (!timerArmed) {
            timerArmed = true;
            loop.schedule(checkTimeout, run.timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void onHead(Channel ch, int status, boolean keepAlive, String label) {
        if (ch != channel || !inFlight) {
            ch.close();
            return;
        }
        this.status = status;
        this.label = label;
        reusable &= keepAlive;
    }

    @Override
    public void onBody(Channel ch, ByteBuf chunk) {
        if (ch != channel || !inFlight) {
            return;
        }
        if (body == null) {
            body = PooledByteBufAllocator.DEFAULT.heapBuffer();
        }
        body.writeBytes(chunk, Math.min(chunk.readableBytes(), Math.max(0, RunContext.MAX_BODY_BYTES - body.readableBytes())));
    }

    @Override
    public void onComplete(Channel ch) {
        if (ch != channel || !inFlight) {
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
        if (!reusable) {
            closeChannel();
        }
        next();
    }

    @Override
    public void onClosed(Channel ch, ErrorKind failure) {
        if (ch != channel) {
            return;
        }
        channel = null;
        if (inFlight) {
            inFlight = false;
            stats.error(failure != null ? failure : ErrorKind.CLOSED);
            next();
        }
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
        inFlight = false;
        stats.error(ErrorKind.TIMEOUT);
        closeChannel();
        next();
    }

    private void closeChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        closeChannel();
        if (body != null) {
            body.release();
            body = null;
        }
        run.slotFinished();
    }
}
