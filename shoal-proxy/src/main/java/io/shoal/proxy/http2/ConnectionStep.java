package io.shoal.proxy.http2;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.util.concurrent.ScheduledFuture;
import io.shoal.proxy.net.ConnectionWindow;
import io.shoal.proxy.stats.ConnectionPhase;
import java.util.concurrent.TimeUnit;

/**
 * What an HTTP/2 connection does as a whole: opens its receive window to {@code connection_window_size},
 * closes after {@code idle_timeout} without an open stream (with a GOAWAY, as the codec closes), counts as
 * writing while streams are open, and is known to {@link Http2Connections} for a graceful stop.
 * Event-loop confined.
 */
final class ConnectionStep extends ChannelInboundHandlerAdapter {
    private final ConnectionPhase phase;
    private final long idleTimeoutNanos;
    private final int connectionWindowSize;
    private final Http2Connections connections;
    private ChannelHandlerContext ctx;
    private int openStreams;
    private ScheduledFuture<?> idle;

    ConnectionStep(ConnectionPhase phase, long idleTimeoutNanos, int connectionWindowSize, Http2Connections connections) {
        this.phase = phase;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.connectionWindowSize = connectionWindowSize;
        this.connections = connections;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connections.add(ctx.channel());
        ConnectionWindow.open(ctx, connectionWindowSize);
        armIdle();
        ctx.read();
        ctx.fireChannelActive();
    }

    /** Reads are explicit on the connection too: the codec always wants the next frames. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelReadComplete();
    }

    void streamOpened(Channel stream) {
        if (openStreams++ == 0) {
            cancelIdle();
            phase.serving();
        }
        stream.closeFuture().addListener(f -> streamClosed());
    }

    private void streamClosed() {
        if (--openStreams == 0) {
            phase.responseEnded();
            armIdle();
        }
    }

    private void armIdle() {
        if (ctx.channel().isActive()) {
            idle = ctx.executor().schedule(this::idleTimedOut, idleTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancelIdle() {
        if (idle != null) {
            idle.cancel(false);
            idle = null;
        }
    }

    private void idleTimedOut() {
        idle = null;
        if (openStreams == 0) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelIdle();
        phase.closed();
        ctx.fireChannelInactive();
    }

    /**
     * A stream's error is its own: passed on for the stream's channel, which resets it. The connection's
     * errors the codec has already answered (a GOAWAY with the error's code, then the close), so they stop
     * here: closing again would send a second GOAWAY that says there was none.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2FrameStreamException) {
            ctx.fireExceptionCaught(cause);
        }
    }
}
