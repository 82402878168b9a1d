package io.shoal.proxy.http1;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's request decoder, reading HTTP/1.x above 1.1 as 1.1, minus two tolerances that let a proxy and a backend disagree: obs-fold,
 * which Netty joins to the previous value (allowed by RFC 9112 section 5.2), and chunk-size lines
 * with junk after the size ({@link ChunkSizeLines}). Either gives 400. The head and each chunk-size
 * line are scanned before Netty consumes them; chunk data and other bodies are never scanned.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
    /** Where the connection's bytes are. */
    private enum Position {
        /** Before a request head, or in one whose first bytes have not been consumed yet. */
        HEAD,
        /** Netty consumed the first lines of a head and waits for the rest. */
        HEAD_STARTED,
        BODY,
        /** A request was refused: nothing more is read. */
        BROKEN
    }

    private final ChunkSizeLines chunkSizeLines = new ChunkSizeLines();
    private Position position = Position.HEAD;
    /** Readable bytes that {@link #chunkSizeLines} has already read: the next scan starts after them. */
    private int scannedAhead;

    StrictRequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (position == Position.BROKEN) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (position != Position.BODY && hasObsFold(buffer)) {
            fail(buffer, out, "obs-fold in request head");
            return;
        }
        if (chunkSizeLines.active()) {
            if (!chunkSizeLines.scan(buffer, buffer.readerIndex() + scannedAhead, buffer.writerIndex())) {
                fail(buffer, out, "invalid chunk-size line");
                return;
            }
        }
        int before = out.size();
        int startIndex = buffer.readerIndex();
        super.decode(ctx, buffer, out);
        scannedAhead = chunkSizeLines.active() ? buffer.readableBytes() : 0;
        for (int i = before; i < out.size(); i++) {
            Object msg = out.get(i);
            if (msg instanceof HttpRequest) {
                position = Position.BODY;
                HttpRequest request = (HttpRequest) msg;
                readHigherMinorVersionAsHttp11(request);
                if (request.decoderResult().isSuccess() && HttpUtil.isTransferEncodingChunked(request)) {
                    // Netty returns right after a chunked head: the body starts at the reader index.
                    chunkSizeLines.start();
                    scannedAhead = 0;
                }
            }
            if (msg instanceof LastHttpContent) {
                position = Position.HEAD;
            }
        }
        if (position == Position.HEAD && out.size() == before && buffer.readerIndex() > startIndex) {
            position = Position.HEAD_STARTED;
        }
    }

    /**
     * RFC 9110 section 2.5: a message of a higher minor version than the recipient implements is
     * processed as the highest it does, so {@code HTTP/1.2} is read as HTTP/1.1 (Host required,
     * persistent), as nginx reads it.
     */
    private static void readHigherMinorVersionAsHttp11(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() == 1 && version.minorVersion() > 1) {
            request.setProtocolVersion(HttpVersion.HTTP_1_1);
        }
    }

    /** A line of the head that starts with SP or HTAB; the head ends at the first empty line. */
    private boolean hasObsFold(ByteBuf buffer) {
        int start = buffer.readerIndex();
        int end = buffer.writerIndex();
        boolean lineStart = position == Position.HEAD_STARTED;
        boolean sawContent = lineStart;
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

    private void fail(ByteBuf buffer, List<Object> out, String reason) {
        position = Position.BROKEN;
        buffer.skipBytes(buffer.readableBytes());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request");
        request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException(reason)));
        out.add(request);
    }
}
