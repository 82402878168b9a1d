package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Reads a server's responses as they come, without re-encoding anything: emits an {@link UpstreamHead},
 * then the body as slices of the bytes read (de-chunked when the server chunks), then {@link Marker#END};
 * or {@link Marker#INVALID} once, after which it reads nothing more. Body length follows RFC 9112
 * section 6.3: none for HEAD, 1xx, 204 and 304; chunked; Content-Length; else until the server closes.
 * After a {@code 101} it stops, so that the bytes that follow stay for the tunnel. Trailers are read
 * and dropped. Event-loop confined; one per upstream connection.
 */
final class UpstreamResponseDecoder extends ByteToMessageDecoder {
    enum Marker { END, INVALID }

    private enum State { HEAD, LENGTH_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, CLOSE_BODY, UPGRADED, BROKEN }

    private static final int MAX_CHUNK_LINE = 4096;

    private final int maxHeadBytes;
    private final ResponseHeadParser parser = new ResponseHeadParser();
    private State state = State.HEAD;
    private long remaining;
    private int trailerBytes;
    private boolean toHeadRequest;

    UpstreamResponseDecoder(int maxHeadBytes) {
        this.maxHeadBytes = maxHeadBytes;
    }

    /** Set before each request goes out: the answer to a HEAD request has no body, whatever it announces. */
    void expectResponseTo(boolean headRequest) {
        toHeadRequest = headRequest;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case HEAD -> head(in, out);
            case LENGTH_BODY -> {
                out.add(in.readRetainedSlice((int) Math.min(in.readableBytes(), remaining)));
                remaining -= ((ByteBuf) out.get(out.size() - 1)).readableBytes();
                if (remaining == 0) {
                    end(out);
                }
            }
            case CHUNK_SIZE -> chunkSize(in, out);
            case CHUNK_DATA -> {
                out.add(in.readRetainedSlice((int) Math.min(in.readableBytes(), remaining)));
                remaining -= ((ByteBuf) out.get(out.size() - 1)).readableBytes();
                if (remaining == 0) {
                    state = State.CHUNK_DATA_END;
                }
            }
            case CHUNK_DATA_END -> chunkDataEnd(in, out);
            case TRAILERS -> trailers(in, out);
            case CLOSE_BODY -> out.add(in.readRetainedSlice(in.readableBytes()));
            case BROKEN -> in.skipBytes(in.readableBytes());
            case UPGRADED -> { } // the tunnel takes these bytes once this decoder is removed
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (state == State.CLOSE_BODY) {
            end(out); // a body delimited by the close is whole
        }
    }

    private void head(ByteBuf in, List<Object> out) {
        int end = headEnd(in);
        if (end < 0) {
            if (in.readableBytes() > maxHeadBytes) {
                invalid(in, out);
            }
            return;
        }
        int length = end - in.readerIndex();
        if (length > maxHeadBytes) {
            invalid(in, out);
            return;
        }
        UpstreamHead head = parser.parse(in, length);
        if (head == null) {
            invalid(in, out);
            return;
        }
        out.add(head);
        int status = head.status();
        if (status == 101) {
            state = State.UPGRADED;
        } else if (status < 200) {
            state = State.HEAD; // interim: the final response follows
        } else if (toHeadRequest || status == 204 || status == 304 || head.contentLength() == 0) {
            end(out);
        } else if (head.chunked()) {
            state = State.CHUNK_SIZE;
        } else if (head.contentLength() > 0) {
            remaining = head.contentLength();
            state = State.LENGTH_BODY;
        } else {
            state = State.CLOSE_BODY;
        }
    }

    /** The index just after the empty line that ends the head, or -1 while it has not all come. */
    private static int headEnd(ByteBuf in) {
        int from = in.readerIndex();
        int to = in.writerIndex();
        while (true) {
            int lf = in.indexOf(from, to, (byte) '\n');
            if (lf < 0 || lf + 1 >= to) {
                return -1;
            }
            byte next = in.getByte(lf + 1);
            if (next == '\n') {
                return lf + 2;
            }
            if (next == '\r') {
                if (lf + 2 >= to) {
                    return -1;
                }
                if (in.getByte(lf + 2) == '\n') {
                    return lf + 3;
                }
            }
            from = lf + 1;
        }
    }

    /** {@code 1a2b[;extension] CRLF}. */
    private void chunkSize(ByteBuf in, List<Object> out) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > MAX_CHUNK_LINE) {
                invalid(in, out);
            }
            return;
        }
        long size = 0;
        int digits = 0;
        for (int i = in.readerIndex(); i < lf; i++) {
            int value = Character.digit(in.getByte(i), 16);
            if (value < 0) {
                byte b = in.getByte(i);
                if (b != ';' && b != ' ' && b != '\t' && b != '\r') {
                    invalid(in, out);
                    return;
                }
                break;
            }
            if (++digits > 15) {
                invalid(in, out);
                return;
            }
            size = size * 16 + value;
        }
        if (digits == 0) {
            invalid(in, out);
            return;
        }
        in.readerIndex(lf + 1);
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
    }

    private void chunkDataEnd(ByteBuf in, List<Object> out) {
        byte first = in.getByte(in.readerIndex());
        if (first == '\n') {
            in.skipBytes(1);
        } else if (first != '\r') {
            invalid(in, out);
            return;
        } else if (in.readableBytes() < 2) {
            return;
        } else if (in.getByte(in.readerIndex() + 1) == '\n') {
            in.skipBytes(2);
        } else {
            invalid(in, out);
            return;
        }
        state = State.CHUNK_SIZE;
    }

    /** Trailer lines up to the empty line; dropped, as they would need a chunked client. */
    private void trailers(ByteBuf in, List<Object> out) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (trailerBytes + in.readableBytes() > maxHeadBytes) {
                invalid(in, out);
            }
            return;
        }
        int length = lf + 1 - in.readerIndex();
        boolean empty = length == 1 || length == 2 && in.getByte(in.readerIndex()) == '\r';
        in.skipBytes(length);
        trailerBytes += length;
        if (empty) {
            trailerBytes = 0;
            end(out);
        } else if (trailerBytes > maxHeadBytes) {
            invalid(in, out);
        }
    }

    private void end(List<Object> out) {
        out.add(Marker.END);
        state = State.HEAD;
    }

    private void invalid(ByteBuf in, List<Object> out) {
        in.skipBytes(in.readableBytes());
        out.add(Marker.INVALID);
        state = State.BROKEN;
    }
}
