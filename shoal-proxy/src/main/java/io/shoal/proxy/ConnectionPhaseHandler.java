package io.shoal.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Tells {@link ConnectionStats} which phase its connection is in, from the HTTP messages that pass:
 * a request head starts reading, the request's end starts writing, the response's end returns to
 * waiting. Sits between the codec and the proxy step; passes every message on untouched.
 * Event-loop confined, like its connection.
 */
final class ConnectionPhaseHandler extends ChannelDuplexHandler {
    static final int WAITING = 0;
    static final int READING = 1;
    static final int WRITING = 2;

    private final ConnectionStats stats;
    private int phase = WAITING;

    ConnectionPhaseHandler(ConnectionStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            stats.requestArrived();
            if (phase == WAITING) {
                enter(READING);
            }
        }
        if (msg instanceof LastHttpContent && phase == READING) {
            enter(WRITING);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && !informational(msg)) {
            enter(WAITING);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        enter(WAITING);
        ctx.fireChannelInactive();
    }

    /** A 100 Continue ends no exchange; nor does a 101, after which the connection is a tunnel (still writing). */
    private static boolean informational(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    private void enter(int next) {
        stats.move(phase, next);
        phase = next;
    }
}
