package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts the bytes a connection reads (after TLS), where no parser of ours sees them all: in front of HTTP/2's codec. */
final class ReadCounter extends ChannelInboundHandlerAdapter {
    private final LoopStats stats;

    ReadCounter(LoopStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            stats.bytesRead += bytes.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }
}
