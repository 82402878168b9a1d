package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.shoal.bench.ErrorKind;
import java.io.IOException;

/**
 * Splits the bytes of one connection into answers for its {@link ResponseListener} (RFC 9112 section 6: no body for HEAD, 1xx,
 * 204 and 304; then chunked, Content-Length, or until close), passing body bytes on only when the slot reads a
 * JSON label. It works on the received buffers in place and copies only a head or chunk-size line split across
 * reads, which keeps a generator's per-answer cost far below the target's. It also names what ended a request
 * early: {@link ErrorKind#RESET}, {@link ErrorKind#CLOSED} or {@link ErrorKind#PROTOCOL}.
 *
 * <p>Threading: one per connection, on its event loop.
 */
final class ResponseParser extends ChannelInboundHandlerAdapter {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE }

    private final ResponseListener slot;
    private final LoopStats stats;
    private final boolean headRequests;
    private final boolean wantsBody;
    private final ResponseHead head;
    private State state = State.HEAD;
    private long remaining;
    private ByteBuf partial;
    private ErrorKind failure;

    /**
     * @param headRequests the connection sends HEAD requests, whose answers have no body
     * @param wantsBody pass body bytes to the listener
     * @param labelHeader the header to report as the label, or null
     */
    ResponseParser(ResponseListener slot, LoopStats stats, boolean headRequests, boolean wantsBody, String labelHeader) {
        this.slot = slot;
        this.stats = stats;
        this.headRequests = headRequests;
        this.wantsBody = wantsBody;
        this.head = new ResponseHead(labelHeader);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        stats.bytesRead += in.readableBytes();
        if (partial != null) {
            partial.writeBytes(in);
            in.release();
            in = partial;
            partial = null;
        }
        try {
            while (in.isReadable() && failure == null && !parse(ctx, in)) {
                // parse until the buffer is used up or ends inside a line
            }
            if (in.isReadable() && failure == null) {
                if (in.readableBytes() > MAX_HEAD_BYTES) {
                    fail(ctx, ErrorKind.PROTOCOL);
                } else {
                    partial = ctx.alloc().heapBuffer(Math.max(256, in.readableBytes() * 2)).writeBytes(in);
                }
            }
        } finally {
            in.release();
        }
    }

    /** Consumes one step; true when the rest of the buffer is an incomplete line to keep for the next read. */
    private boolean parse(ChannelHandlerContext ctx, ByteBuf in) {
        switch (state) {
            case HEAD: {
                while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
                    in.skipBytes(1); // blank lines before a status line are ignored (RFC 9112 section 2.2)
                }
                int end = headEnd(in);
                if (end < 0) {
                    return true;
                }
                if (!head.parse(in, in.readerIndex(), end)) {
                    fail(ctx, ErrorKind.PROTOCOL);
                    return false;
                }
                in.readerIndex(end);
                startBody(ctx);
                return false;
            }
            case BODY:
            case CHUNK_DATA:
            case UNTIL_CLOSE: {
                int n = (int) Math.min(remaining, in.readableBytes());
                if (wantsBody) {
                    slot.onBody(ctx.channel(), in.slice(in.readerIndex(), n));
                }
                in.skipBytes(n);
                remaining -= n;
                if (remaining == 0) {
                    if (state == State.BODY) {
                        complete(ctx);
                    } else {
                        state = State.CHUNK_END;
                    }
                }
                return false;
            }
            default: {
                int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                if (eol < 0) {
                    return true;
                }
                int start = in.readerIndex();
                in.readerIndex(eol + 1);
                line(ctx, in, start, eol);
                return false;
            }
        }
    }

    /** A line of chunked framing: a chunk size, the CRLF after chunk data, or a trailer. */
    private void line(ChannelHandlerContext ctx, ByteBuf in, int start, int eol) {
        if (state == State.CHUNK_END) {
            state = State.CHUNK_SIZE;
        } else if (state == State.TRAILERS) {
            if (eol - start <= 1) {
                complete(ctx);
            }
        } else {
            long size = 0;
            int i = start;
            for (int digit; i < eol && (digit = Character.digit(in.getByte(i), 16)) >= 0; i++) {
                size = size * 16 + digit;
            }
            if (i == start || i - start > 12) {
                fail(ctx, ErrorKind.PROTOCOL);
            } else if (size == 0) {
                state = State.TRAILERS;
            } else {
                remaining = size;
                state = State.CHUNK_DATA;
            }
        }
    }

    private void startBody(ChannelHandlerContext ctx) {
        int status = head.status;
        if (status >= 100 && status < 200 && status != 101) {
            return; // an interim answer: the final one follows
        }
        slot.onHead(ctx.channel(), status, head.keepAlive, head.label);
        if (headRequests || status == 204 || status == 304 || status < 200) {
            complete(ctx);
        } else if (head.chunked) {
            state = State.CHUNK_SIZE;
        } else if (head.contentLength >= 0) {
            remaining = head.contentLength;
            state = State.BODY;
            if (remaining == 0) {
                complete(ctx);
            }
        } else {
            remaining = Long.MAX_VALUE;
            state = State.UNTIL_CLOSE;
        }
    }

    private void complete(ChannelHandlerContext ctx) {
        state = State.HEAD;
        slot.onComplete(ctx.channel());
    }

    /** The index just past the blank line that ends the head, or -1 if it has not all arrived. */
    private static int headEnd(ByteBuf in) {
        int from = in.readerIndex();
        for (int eol; (eol = in.indexOf(from, in.writerIndex(), (byte) '\n')) >= 0; from = eol + 1) {
            if (eol - from == 0 || eol - from == 1 && in.getByte(from) == '\r') {
                return eol + 1;
            }
        }
        return -1;
    }

    private void fail(ChannelHandlerContext ctx, ErrorKind kind) {
        if (failure == null) {
            failure = kind;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.UNTIL_CLOSE && failure == null) {
            complete(ctx);
        }
        if (partial != null) {
            partial.release();
            partial = null;
        }
        slot.onClosed(ctx.channel(), failure);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause instanceof IOException && String.valueOf(cause.getMessage()).contains("reset") ? ErrorKind.RESET : ErrorKind.CLOSED);
    }
}
