package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;

/**
 * A server's response head, kept as the bytes it came in: the status, the framing and persistence
 * facts the proxy needs, and which header lines to forward. Hop-by-hop fields (RFC 9110 section
 * 7.6.1: the fixed list and every field that {@code Connection} names) are left out when it is
 * written on, so no header object is built per response. Its arrays are its connection's parser's:
 * valid until the next head is read there, so it is used at once.
 */
public final class UpstreamHead {
    private final byte[] head;
    private final int status;
    private final boolean keepAlive;
    private final long contentLength;
    private final boolean chunked;
    private final int[] runs;
    private final int runInts;
    private final boolean endsResponse;

    /**
     * @param runs start and end (without the last line end) of each run of lines to forward, pairwise: the
     *     status line from its code on, then the header lines; the first {@code runInts} ints count
     * @param endsResponse the head is the whole response: an HTTP/2 HEADERS frame that ended its stream
     */
    UpstreamHead(byte[] head, int status, boolean keepAlive, long contentLength, boolean chunked,
                 int[] runs, int runInts, boolean endsResponse) {
        this.head = head;
        this.status = status;
        this.keepAlive = keepAlive;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.runs = runs;
        this.runInts = runInts;
        this.endsResponse = endsResponse;
    }

    public int status() {
        return status;
    }

    /** Whether the server keeps the connection open after this response (RFC 9112 section 9.3). */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** The body length the server announced, or -1. */
    public long contentLength() {
        return contentLength;
    }

    public boolean chunked() {
        return chunked;
    }

    /** Whether no body and no trailers follow the head, whatever its status (gRPC's trailers-only responses). */
    public boolean endsResponse() {
        return endsResponse;
    }

    /** Writes {@code "200 OK\r\n"} and the forwarded header lines, each with CR LF. */
    public void writeStatusAndFields(ByteBuf out) {
        for (int i = 0; i < runInts; i += 2) {
            out.writeBytes(head, runs[i], runs[i + 1] - runs[i]).writeShort(CRLF);
        }
    }

    /**
     * Like {@link #writeStatusAndFields}, without the header lines of the names {@code lowerCaseNames}, which
     * the proxy sets or removes. Lines within a run are joined by CR LF, as the parser only joins such lines.
     */
    public void writeStatusAndFieldsExcept(ByteBuf out, AsciiString... lowerCaseNames) {
        for (int i = 0; i < runInts; i += 2) {
            int end = runs[i + 1];
            for (int start = runs[i]; start < end; ) {
                int lf = HeadBytes.indexOf(head, start, end, (byte) '\n');
                int lineEnd = lf < 0 ? end : lf - 1;
                int colon = HeadBytes.indexOf(head, start, lineEnd, (byte) ':');
                if (colon < 0 || !named(start, colon, lowerCaseNames)) {
                    out.writeBytes(head, start, lineEnd - start).writeShort(CRLF);
                }
                start = lf < 0 ? end : lf + 1;
            }
        }
    }

    private boolean named(int start, int colon, AsciiString[] lowerCaseNames) {
        for (AsciiString name : lowerCaseNames) {
            if (HeadBytes.is(head, start, colon, name)) {
                return true;
            }
        }
        return false;
    }

    /** Receives the forwarded header fields one by one, as the server wrote them. */
    public interface FieldVisitor {
        /** @param name the field name, in the server's case; {@code value} without the spaces around it */
        void field(AsciiString name, AsciiString value);
    }

    /** Hands the forwarded header fields, without the status line, to {@code visitor} in order. */
    public void forEachField(FieldVisitor visitor) {
        for (int i = 0; i < runInts; i += 2) {
            int end = runs[i + 1];
            int start = runs[i];
            if (i == 0) { // the status line
                int lf = HeadBytes.indexOf(head, start, end, (byte) '\n');
                start = lf < 0 ? end : lf + 1;
            }
            while (start < end) {
                int lf = HeadBytes.indexOf(head, start, end, (byte) '\n');
                int lineEnd = lf < 0 ? end : HeadBytes.trimCr(head, start, lf);
                int colon = HeadBytes.indexOf(head, start, lineEnd, (byte) ':');
                if (colon > start) {
                    int valueStart = HeadBytes.skipSpace(head, colon + 1, lineEnd);
                    int valueEnd = HeadBytes.trimSpace(head, valueStart, lineEnd);
                    visitor.field(new AsciiString(head, start, colon - start, true),
                            new AsciiString(head, valueStart, valueEnd - valueStart, true));
                }
                start = lf < 0 ? end : lf + 1;
            }
        }
    }

    /** The sum of the bytes {@link #writeStatusAndFields} writes. */
    public int forwardedBytes() {
        int bytes = 0;
        for (int i = 0; i < runInts; i += 2) {
            bytes += runs[i + 1] - runs[i] + 2;
        }
        return bytes;
    }

    public static final int CRLF = ('\r' << 8) | '\n';
}
