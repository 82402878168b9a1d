package io.shoal.proxy.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.shoal.config.StickyConfig;
import io.shoal.proxy.http.ClientResponse;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.upstream.ForwardedRequest;
import io.shoal.proxy.upstream.StickySessions;
import io.shoal.proxy.upstream.UpstreamHead;
import io.shoal.topology.Server;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes one response to the client: the upstream's, its head copied from the bytes the server sent
 * minus the hop-by-hop fields, plus the client connection's own framing and persistence; or an error
 * of Shoal's. A body the client cannot get delimited by length is chunked anew (HTTP/1.1) or ends with
 * the close (HTTP/1.0).
 */
final class Http1Response extends ClientResponse {
    private static final byte[] HTTP_1_1 = ascii("HTTP/1.1 ");
    private static final byte[] CHUNKED = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] CLOSE = ascii("Connection: close\r\n");
    private static final byte[] KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    private static final byte[] UPGRADE = ascii("Connection: upgrade\r\n");
    private static final byte[] SET_COOKIE = ascii("Set-Cookie: ");
    private static final ByteBuf CRLF = constant("\r\n");
    private static final ByteBuf LAST_CHUNK = constant("0\r\n\r\n");

    private final ChannelHandlerContext client;
    private final StickyConfig sticky;
    private final ResponseFields fields;
    private boolean clientKeepAlive;
    private boolean chunkToClient;

    Http1Response(ChannelHandlerContext client, ForwardedRequest request, StickyConfig sticky, ResponseFields fields) {
        super(request);
        this.client = client;
        this.sticky = sticky;
        this.fields = fields;
    }

    @Override
    public boolean clientKeepAlive() {
        return clientKeepAlive;
    }

    @Override
    protected void writeContinue() {
        client.writeAndFlush(Responses.continueResponse(), client.voidPromise());
    }

    /** Writes the head (not flushed: the body follows). */
    @Override
    protected void writeHead(UpstreamHead head, Server server, boolean hasBody) {
        clientKeepAlive = request.keepAlive();
        boolean http10 = request.clientVersion().equals(HttpVersion.HTTP_1_0);
        boolean delimitedByLength = head.contentLength() >= 0 || !hasBody;
        if (!delimitedByLength && http10) {
            clientKeepAlive = false; // HTTP/1.0 knows no chunks: the end of the body is the close
        }
        chunkToClient = !delimitedByLength && !http10;
        String cookie = sticky != null && !server.stickyId().equals(request.stickyId())
                ? StickySessions.setCookie(sticky, server) : null;
        ByteBuf out = client.alloc().buffer(HTTP_1_1.length + head.forwardedBytes() + 128 + fields.lines().length());
        out.writeBytes(HTTP_1_1);
        fields.writeStatusAndFields(head, out);
        if (chunkToClient) {
            out.writeBytes(CHUNKED);
        }
        if (!clientKeepAlive) {
            out.writeBytes(CLOSE);
        } else if (http10) {
            out.writeBytes(KEEP_ALIVE);
        }
        if (cookie != null) {
            out.writeBytes(SET_COOKIE).writeCharSequence(cookie, StandardCharsets.US_ASCII);
            out.writeShort(UpstreamHead.CRLF);
        }
        out.writeShort(UpstreamHead.CRLF);
        client.write(out, client.voidPromise());
    }

    /** A 101: the head with {@code Connection: upgrade}. */
    @Override
    protected void writeSwitchingProtocolsHead(UpstreamHead head) {
        ByteBuf out = client.alloc().buffer(HTTP_1_1.length + head.forwardedBytes() + UPGRADE.length + 2);
        out.writeBytes(HTTP_1_1);
        head.writeStatusAndFields(out);
        out.writeBytes(UPGRADE).writeShort(UpstreamHead.CRLF);
        client.writeAndFlush(out, client.voidPromise());
    }

    /** Nothing waits on a body write (flow control reads writability), so no promise is made for it. */
    @Override
    protected void writeBodyPart(ByteBuf data) {
        int length = data.readableBytes();
        if (chunkToClient) {
            ByteBuf size = client.alloc().buffer(10);
            ByteBufUtil.writeAscii(size, Integer.toHexString(length));
            size.writeShort(UpstreamHead.CRLF);
            client.write(size, client.voidPromise());
            client.write(data, client.voidPromise());
            client.writeAndFlush(CRLF.duplicate(), client.voidPromise());
        } else {
            client.writeAndFlush(data, client.voidPromise());
        }
    }

    /**
     * The body is whole: ends the chunks, if any, and flushes (a bodiless head is still unflushed). Trailers
     * go in the last chunk to a client that said {@code TE: trailers}; others never see them (nginx's way).
     */
    @Override
    public void endBody(HttpHeaders trailers) {
        if (!chunkToClient) {
            client.flush();
        } else if (trailers == null || trailers.isEmpty() || !request.trailersAccepted()) {
            client.writeAndFlush(LAST_CHUNK.duplicate(), client.voidPromise());
        } else {
            client.writeAndFlush(lastChunkWith(trailers), client.voidPromise());
        }
    }

    private ByteBuf lastChunkWith(HttpHeaders trailers) {
        ByteBuf out = client.alloc().buffer(128);
        out.writeByte('0').writeShort(UpstreamHead.CRLF);
        for (Map.Entry<String, String> field : trailers) {
            out.writeCharSequence(field.getKey(), StandardCharsets.ISO_8859_1);
            out.writeByte(':').writeByte(' ');
            out.writeCharSequence(field.getValue(), StandardCharsets.ISO_8859_1);
            out.writeShort(UpstreamHead.CRLF);
        }
        return out.writeShort(UpstreamHead.CRLF);
    }

    @Override
    protected void writeErrorResponse(HttpResponseStatus error, boolean close, long retryAfterSeconds) {
        client.writeAndFlush(Responses.error(client.alloc(), error, close, retryAfterSeconds, fields), client.voidPromise());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteBuf constant(String text) {
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(text.length()).writeBytes(ascii(text)));
    }
}
