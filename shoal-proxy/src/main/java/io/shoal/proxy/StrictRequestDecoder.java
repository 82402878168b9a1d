package io.shoal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's request decoder, minus its tolerance of obs-fold: Netty joins a folded header line to the
 * previous value (allowed by RFC 9112 section 5.2), but a proxy that does so can disagree with the
 * backend about a header's value, so Shoal answers 400 instead. The head is scanned before Netty
 * consumes it; body bytes are never scanned.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
    private boolean inHead = true;
    private boolean headStarted;
    private boolean broken;

    StrictRequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (broken) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (inHead && hasObsFold(buffer)) {
            broken = true;
            buffer.skipBytes(buffer.readableBytes());
            out.add(invalid());
            return;
        }
        int before = out.size();
        boolean wasInHead = inHead;
        int startIndex = buffer.readerIndex();
        super.decode(ctx, buffer, out);
        for (int i = before; i < out.size(); i++) {
            Object msg = out.get(i);
            if (msg instanceof HttpRequest) {
                inHead = false;
            }
            if (msg instanceof LastHttpContent) {
                inHead = true;
                headStarted = false;
            }
        }
        if (wasInHead && inHead && out.size() == before && buffer.readerIndex() > startIndex) {
            headStarted = true; // Netty consumed the first lines of a head and waits for the rest
        }
    }

    /** A line of the head that starts with SP or HTAB; the head ends at the first empty line. */
    private boolean hasObsFold(ByteBuf buffer) {
        int start = buffer.readerIndex();
        int end = buffer.writerIndex();
        boolean lineStart = headStarted;
        boolean sawContent = headStarted;
        for (int i = start; i < end; i++) {
            byte b = buffer.getByte(i);
            if (b == '\n') {
                if (lineStart && sawContent) {
                    return false; // empty line: end of head
                }
                lineStart = true;
                continue;
            }
            if (b == '\r') {
                continue;
            }
            if (lineStart && sawContent && (b == ' ' || b == '\t')) {
                return true;
            }
            lineStart = false;
            sawContent = true;
        }
        return false;
    }

    private static FullHttpRequest invalid() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request");
        request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("obs-fold in request head")));
        return request;
    }
}
