package io.shoal.proxy.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * On a plain listener that takes HTTP/2 with prior knowledge (h2c) beside HTTP/1.1: reads the first bytes
 * and installs HTTP/2's steps when they are the connection preface ({@code PRI * HTTP/2.0 ...}), HTTP/1.1's
 * as soon as they differ from it; then passes the bytes on and leaves. A client that sends too little
 * to tell within {@code client_header_timeout} is closed.
 */
final class PriorKnowledgeStep extends ChannelInboundHandlerAdapter {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final ProtocolChoice choice;
    private final long timeoutNanos;
    private ByteBuf received;
    private ScheduledFuture<?> timeout;

    PriorKnowledgeStep(ProtocolChoice choice, long timeoutNanos) {
        this.choice = choice;
        this.timeoutNanos = timeoutNanos;
    }

    /** Held back until the protocol is known. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> ctx.close(), timeoutNanos, TimeUnit.NANOSECONDS);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        received = received == null ? bytes : ctx.alloc().compositeBuffer().addComponents(true, received, bytes);
        int compared = Math.min(received.readableBytes(), PREFACE.readableBytes());
        boolean matches = ByteBufUtil.equals(received, received.readerIndex(), PREFACE, 0, compared);
        if (!matches) {
            decide(ctx, ProtocolChoice.Protocol.HTTP_1_1);
        } else if (compared == PREFACE.readableBytes()) {
            decide(ctx, ProtocolChoice.Protocol.HTTP_2);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (received != null) {
            ctx.read(); // still too few bytes to tell
        }
    }

    private void decide(ChannelHandlerContext ctx, ProtocolChoice.Protocol protocol) {
        timeout.cancel(false);
        ByteBuf bytes = received;
        received = null;
        choice.install(ctx.pipeline(), protocol);
        ctx.fireChannelActive();
        ctx.pipeline().remove(this); // the read's completion, which follows, goes to the protocol's steps
        ctx.fireChannelRead(bytes);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (received != null) {
            received.release();
            received = null;
        }
        ctx.fireChannelInactive();
    }
}
