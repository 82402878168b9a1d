package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AsciiString;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.shoal.bench.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/2 connection of the run: Netty's connection handler (framing, HPACK, flow control, SETTINGS), the map
 * from each open stream to the {@link Slot} waiting on it, and the frames turned into that slot's answer. A stream
 * that closes without a complete answer fails its slot ({@link ErrorKind#RESET} after RST_STREAM, otherwise
 * {@link ErrorKind#CLOSED}, as when the connection closes); a request the server did not process is sent again.
 * Requests beyond the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS wait in Netty's buffering encoder, and that wait counts in their latency.
 *
 * <p>Threading: one per connection, on its event loop.
 */
final class H2Session extends Http2FrameAdapter {
    final Http2ConnectionHandler handler;
    /** Goes in front of {@link #handler}: counts the bytes read and knows when a read batch is under way. */
    final ChannelHandler reads = new Reads();
    private final RunContext run;
    private final LoopStats stats;
    private final AsciiString labelHeader;
    private final IntObjectMap<Slot> streams = new IntObjectHashMap<>();
    private ChannelHandlerContext ctx;
    private boolean reading;

    H2Session(RunContext run, LoopStats stats) {
        this.run = run;
        this.stats = stats;
        this.labelHeader = run.header == null ? null : AsciiString.of(run.header.toLowerCase(Locale.ROOT));
        this.handler = new Http2ConnectionHandlerBuilder().server(false).frameListener(this)
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                .encoderEnforceMaxConcurrentStreams(true).build();
        handler.connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                fail(stream.id(), ErrorKind.CLOSED);
            }

            @Override
            public void onGoAwayReceived(int lastStreamId, long errorCode, ByteBuf debugData) {
                // Called before Netty closes the streams above lastStreamId: the server never processed those.
                List<Integer> unprocessed = new ArrayList<>();
                streams.keySet().forEach(id -> {
                    if (id > lastStreamId) {
                        unprocessed.add(id);
                    }
                });
                unprocessed.forEach(H2Session.this::unprocessed);
            }
        });
    }

    /** True while new streams may start: the connection is open and neither side sent GOAWAY. */
    boolean acceptsStreams(Channel ch) {
        return ch.isActive() && !handler.connection().goAwayReceived() && !handler.connection().goAwaySent();
    }

    void send(Channel ch, Slot slot) {
        if (ctx == null) {
            ctx = ch.pipeline().context(handler);
        }
        int id = handler.connection().local().incrementAndGetNextStreamId();
        streams.put(id, slot);
        H2Request request = run.h2Request;
        handler.encoder().writeHeaders(ctx, id, request.headers, 0, !request.hasBody(), ctx.newPromise())
                .addListener((ChannelFuture f) -> refused(id, f));
        if (request.hasBody()) {
            handler.encoder().writeData(ctx, id, request.body(), 0, true, ctx.newPromise());
        }
        if (!reading) {
            handler.flush(ctx); // during a read, the handler flushes once at its end: one TLS record, one write for all
        }
    }

    /** Drops the stream {@code slot} waits on, if it is on this connection; true if it was. */
    boolean cancel(Slot slot) {
        for (IntObjectMap.PrimitiveEntry<Slot> entry : streams.entries()) {
            if (entry.value() == slot) {
                int id = entry.key();
                streams.remove(id);
                handler.encoder().writeRstStream(ctx, id, Http2Error.CANCEL.code(), ctx.newPromise());
                handler.flush(ctx);
                return true;
            }
        }
        return false;
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                              short weight, boolean exclusive, int padding, boolean endOfStream) {
        onHeadersRead(ctx, streamId, headers, padding, endOfStream);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean endOfStream) {
        Slot slot = streams.get(streamId);
        if (slot == null) {
            return;
        }
        CharSequence status = headers.status();
        if (status != null) {
            int code = statusCode(status);
            if (code < 0) {
                fail(streamId, ErrorKind.PROTOCOL);
                handler.encoder().writeRstStream(ctx, streamId, Http2Error.PROTOCOL_ERROR.code(), ctx.newPromise());
                return;
            }
            if (code < 200 && !endOfStream) {
                return; // an interim answer: the final one follows
            }
            CharSequence label = labelHeader == null ? null : headers.get(labelHeader);
            slot.head(code, label == null ? null : label.toString());
        }
        if (endOfStream) {
            complete(ctx, streamId, slot);
        }
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
        Slot slot = streams.get(streamId);
        if (slot != null) {
            if (run.jsonField != null) {
                slot.body(data);
            }
            if (endOfStream) {
                complete(ctx, streamId, slot);
            }
        }
        return data.readableBytes() + padding; // read at once: the window reopens as fast as the server sends
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
        if (errorCode == Http2Error.REFUSED_STREAM.code()) {
            unprocessed(streamId);
        } else {
            fail(streamId, ErrorKind.RESET);
        }
    }

    private void complete(ChannelHandlerContext ctx, int streamId, Slot slot) {
        streams.remove(streamId);
        if (!run.keepAlive) {
            ctx.close(); // GOAWAY first: the connection takes no new stream from here on
        }
        slot.complete();
    }

    /** A request that could not be written went nowhere: sent again if the connection was going away. */
    private void refused(int streamId, ChannelFuture write) {
        if (write.isSuccess()) {
            return;
        }
        if (acceptsStreams(write.channel())) {
            fail(streamId, ErrorKind.PROTOCOL);
        } else {
            unprocessed(streamId);
        }
    }

    /**
     * The server did not process this stream's request (RFC 9113 section 8.7: above a GOAWAY's last stream id, or
     * REFUSED_STREAM), so it is sent again as a client would, rather than blamed on the server.
     */
    private void unprocessed(int streamId) {
        Slot slot = streams.remove(streamId);
        if (slot != null) {
            slot.resend();
        }
    }

    private void fail(int streamId, ErrorKind kind) {
        Slot slot = streams.remove(streamId);
        if (slot != null) {
            slot.failed(kind);
        }
    }

    /** Counts what the connection reads (after TLS) and marks the read batches, whose end flushes the handler. */
    private final class Reads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes) {
                stats.bytesRead += bytes.readableBytes();
            }
            reading = true;
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.fireChannelReadComplete(); // the connection handler flushes here
            reading = false;
        }
    }

    /** The {@code :status} as a number from 100 to 999, or -1 when it is not one (RFC 9110 section 15). */
    private static int statusCode(CharSequence status) {
        try {
            int code = HttpResponseStatus.parseLine(status).code();
            return code >= 100 && code <= 999 ? code : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
