package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.CharsetUtil;
import java.util.Iterator;
import java.util.Map;

/**
 * Frames the request body for the upstream: a body that came chunked goes out chunked (trailers
 * included), any other passes as it is. The head is already bytes ({@link ForwardedRequest#encodeHead})
 * and passes through, like every other buffer.
 */
final class RequestBodyEncoder extends ChannelOutboundHandlerAdapter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};

    private boolean chunked;

    /** Set before the head of each request is written. */
    void expectBody(boolean chunked) {
        this.chunked = chunked;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof HttpContent content)) {
            ctx.write(msg, promise);
        } else if (!chunked) {
            ctx.write(content.content(), promise);
        } else {
            writeChunk(ctx, content, promise);
        }
    }

    /** Size line, the data itself (not copied), CRLF; the last chunk also carries the trailers. */
    private static void writeChunk(ChannelHandlerContext ctx, HttpContent content, ChannelPromise promise) {
        ByteBuf data = content.content();
        int length = data.readableBytes();
        if (length > 0) {
            ByteBuf size = ctx.alloc().buffer(10);
            size.writeCharSequence(Integer.toHexString(length), CharsetUtil.US_ASCII);
            ctx.write(size.writeBytes(CRLF), ctx.voidPromise());
            ctx.write(data, ctx.voidPromise());
        } else {
            data.release();
        }
        ByteBuf end = ctx.alloc().buffer(length > 0 ? 16 : 8);
        if (length > 0) {
            end.writeBytes(CRLF);
        }
        if (content instanceof LastHttpContent last) {
            end.writeBytes(LAST_CHUNK);
            Iterator<Map.Entry<CharSequence, CharSequence>> trailers = last.trailingHeaders().iteratorCharSequence();
            while (trailers.hasNext()) {
                Map.Entry<CharSequence, CharSequence> field = trailers.next();
                ForwardedRequest.writeField(end, field.getKey(), field.getValue());
            }
            end.writeBytes(CRLF);
        }
        ctx.write(end, promise);
    }
}
