package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Netty's response decoder, told that answers to HEAD have no body (the client codec learns that from the requests
 * it encodes, but ours are pre-encoded bytes), and counting the bytes read for the transfer rate.
 */
final class ResponseDecoder extends HttpResponseDecoder {
    private final boolean head;
    private final LoopStats stats;

    ResponseDecoder(boolean head, LoopStats stats) {
        super(new HttpDecoderConfig().setValidateHeaders(false));
        this.head = head;
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf) {
            stats.bytesRead += ((ByteBuf) msg).readableBytes();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        return head || super.isContentAlwaysEmpty(msg);
    }
}
