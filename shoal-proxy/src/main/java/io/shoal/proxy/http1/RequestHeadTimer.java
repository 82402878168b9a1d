package io.shoal.proxy.http1;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.shoal.proxy.stats.ListenerStats;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Guards the wait for a request head, before the HTTP codec sees the bytes. An idle keep-alive
 * connection is closed quietly after {@code idleTimeout}; once the first byte of a head arrived,
 * the rest must follow within {@code clientHeaderTimeout} or the client gets 408 (slowloris guard).
 *
 * <p>One scheduled task is kept and re-armed from timestamps, as Netty's IdleStateHandler does, so
 * that a request costs no scheduling. Event-loop confined.
 */
final class RequestHeadTimer extends ChannelDuplexHandler {
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nServer: shoal\r\n"
            + "Connection: close\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final long idleTimeoutNanos;
    private final long headerTimeoutNanos;
    private final ListenerStats listener;
    /** What the connection waits for. */
    private enum Wait {
        /** A request is being handled: its own timers run. */
        NOTHING,
        /** The first byte of a head: an idle keep-alive connection closes quietly at the deadline. */
        FIRST_BYTE,
        /** The rest of a head that started: 408 at the deadline. */
        REST_OF_HEAD
    }

    private ChannelHandlerContext ctx;
    private Wait wait = Wait.NOTHING;
    private long deadlineNanos;
    private ScheduledFuture<?> task;

    RequestHeadTimer(long idleTimeoutNanos, long headerTimeoutNanos, ListenerStats listener) {
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.headerTimeoutNanos = headerTimeoutNanos;
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Starts waiting for a head; the first request of a connection gets the header timeout at once. */
    void awaitHead(boolean firstRequest) {
        wait = Wait.FIRST_BYTE;
        arm(System.nanoTime() + (firstRequest ? headerTimeoutNanos : idleTimeoutNanos));
    }

    void headReceived() {
        wait = Wait.NOTHING;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (wait == Wait.FIRST_BYTE) {
            wait = Wait.REST_OF_HEAD;
            deadlineNanos = Math.min(deadlineNanos, System.nanoTime() + headerTimeoutNanos);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        wait = Wait.NOTHING;
        if (task != null) {
            task.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private void arm(long deadline) {
        deadlineNanos = deadline;
        if (task == null) {
            task = ctx.executor().schedule(this::check, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        task = null;
        if (wait == Wait.NOTHING || !ctx.channel().isActive()) {
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            task = ctx.executor().schedule(this::check, left, TimeUnit.NANOSECONDS);
        } else if (wait == Wait.REST_OF_HEAD) {
            wait = Wait.NOTHING;
            listener.responded(408);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
