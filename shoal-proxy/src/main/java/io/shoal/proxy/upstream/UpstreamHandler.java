package io.shoal.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Last step of an upstream connection's pipeline: hands response parts to the attempt that holds
 * the connection, and closes the connection when it is idle in the pool and the server speaks or
 * closes. Event-loop confined.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    private final RequestBodyEncoder encoder;
    private final UpstreamResponseDecoder decoder;
    private Http1Attempt owner;

    UpstreamHandler(RequestBodyEncoder encoder, UpstreamResponseDecoder decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** Hands the connection to the attempt whose request is about to go out on it. */
    void attach(Http1Attempt attempt, ForwardedRequest request) {
        owner = attempt;
        encoder.expectBody(request.chunked());
        decoder.expectResponseTo(request.isHead());
    }

    void detach() {
        owner = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (owner != null) {
            owner.onRead(msg);
        } else {
            // A response nobody asked for: the connection is out of step, never reuse it.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (owner != null) {
            Http1Attempt attempt = owner;
            owner = null;
            attempt.onClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (owner != null && ctx.channel().isWritable()) {
            owner.upstreamWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && owner == null) {
            ctx.close();
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
