package io.shoal.bench.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import io.shoal.bench.ErrorKind;
import java.io.IOException;

/**
 * The end of one connection's pipeline: passes decoded answers to its {@link Slot}, releases every buffer it got,
 * and turns failures into an {@link ErrorKind} reported when the connection closes. One per connection, since
 * a slot outlives its connections.
 */
final class SlotHandler extends ChannelInboundHandlerAdapter {
    private final Slot slot;
    private ErrorKind failure;

    SlotHandler(Slot slot) {
        this.slot = slot;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (((HttpObject) msg).decoderResult().isFailure()) {
                fail(ctx, ErrorKind.PROTOCOL);
                return;
            }
            if (msg instanceof HttpResponse) {
                slot.onHead(ctx.channel(), (HttpResponse) msg);
            }
            if (msg instanceof HttpContent) {
                slot.onContent(ctx.channel(), (HttpContent) msg);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        slot.onClosed(ctx.channel(), failure);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause instanceof DecoderException ? ErrorKind.PROTOCOL
                : cause instanceof IOException && String.valueOf(cause.getMessage()).contains("reset") ? ErrorKind.RESET
                : ErrorKind.CLOSED);
    }

    private void fail(ChannelHandlerContext ctx, ErrorKind kind) {
        if (failure == null) {
            failure = kind;
        }
        ctx.close();
    }
}
