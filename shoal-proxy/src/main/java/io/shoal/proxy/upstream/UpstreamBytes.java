package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.shoal.topology.ServerTraffic;

/**
 * Counts the bytes of one upstream connection as they cross the socket, first in the pipeline: what
 * is written to the server (HAProxy's bytes_in, from the clients) and what is read from it (bytes_out,
 * toward the clients), heads included. A connection belongs to one server for its life, pooled or not.
 */
final class UpstreamBytes extends ChannelDuplexHandler {
    static final String NAME = "bytes";

    private final ServerTraffic traffic;

    UpstreamBytes(ServerTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        traffic.addBytesOut(size(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        traffic.addBytesIn(size(msg));
        ctx.write(msg, promise);
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        return msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
    }
}
