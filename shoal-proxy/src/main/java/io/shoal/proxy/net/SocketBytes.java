package io.shoal.proxy.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.function.LongConsumer;

/**
 * Counts the bytes of one connection as they cross the socket, first in the pipeline so that heads
 * and bodies count as sent and received, before any decoding. Used on client connections (per
 * listener) and upstream connections (per server); the consumers add to striped counters.
 */
public final class SocketBytes extends ChannelDuplexHandler {
    public static final String NAME = "bytes";

    private final LongConsumer read;
    private final LongConsumer written;

    /**
     * @param read    told the size of each message read from the socket
     * @param written told the size of each message written to it
     */
    public SocketBytes(LongConsumer read, LongConsumer written) {
        this.read = read;
        this.written = written;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        read.accept(size(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        written.accept(size(msg));
        ctx.write(msg, promise);
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        return msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
    }
}
