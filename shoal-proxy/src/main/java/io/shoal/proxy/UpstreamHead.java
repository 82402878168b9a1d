package io.shoal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A server's response head, kept as the bytes it came in: the status, the framing and persistence
 * facts the proxy needs, and which header lines to forward. Hop-by-hop fields (RFC 9110 section
 * 7.6.1: the fixed list and every field that {@code Connection} names) are left out when it is
 * written on, so no header object is built per response. Holds a slice of the decoder's buffer:
 * release it once.
 */
final class UpstreamHead extends DefaultByteBufHolder {
    private final int status;
    private final boolean keepAlive;
    private final long contentLength;
    private final boolean chunked;
    private final int statusStart;
    private final int statusEnd;
    private final int[] lines;

    /**
     * @param statusStart where the status code starts in {@code head}; the status line's end without CR LF is {@code statusEnd}
     * @param lines start and end (without CR LF) of each header line to forward, pairwise
     */
    UpstreamHead(ByteBuf head, int status, boolean keepAlive, long contentLength, boolean chunked,
                 int statusStart, int statusEnd, int[] lines) {
        super(head);
        this.status = status;
        this.keepAlive = keepAlive;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.statusStart = statusStart;
        this.statusEnd = statusEnd;
        this.lines = lines;
    }

    int status() {
        return status;
    }

    /** Whether the server keeps the connection open after this response (RFC 9112 section 9.3). */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The body length the server announced, or -1. */
    long contentLength() {
        return contentLength;
    }

    boolean chunked() {
        return chunked;
    }

    /** Writes {@code "200 OK\r\n"} and the forwarded header lines, each with CR LF. */
    void writeStatusAndFields(ByteBuf out) {
        ByteBuf head = content();
        out.writeBytes(head, statusStart, statusEnd - statusStart).writeShort(CRLF);
        for (int i = 0; i < lines.length; i += 2) {
            out.writeBytes(head, lines[i], lines[i + 1] - lines[i]).writeShort(CRLF);
        }
    }

    /** The sum of the bytes {@link #writeStatusAndFields} writes. */
    int forwardedBytes() {
        int bytes = statusEnd - statusStart + 2;
        for (int i = 0; i < lines.length; i += 2) {
            bytes += lines[i + 1] - lines[i] + 2;
        }
        return bytes;
    }

    static final int CRLF = ('\r' << 8) | '\n';
}
