package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;

/**
 * Parses a server's response head (RFC 9112 sections 4, 5 and 6.3) into an {@link UpstreamHead}, by
 * offsets into its bytes: no header object, no string.
 * Strict where leniency lets a proxy and a client disagree about where a response ends: obs-fold,
 * whitespace before a colon, control characters, a malformed or conflicting {@code Content-Length},
 * {@code Content-Length} together with {@code Transfer-Encoding}, and a {@code Connection} header that names
 * {@code Content-Length} or {@code Transfer-Encoding} all make the response invalid (502).
 */
final class ResponseHeadParser {
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");
    private static final AsciiString CONNECTION = AsciiString.cached("connection");
    private static final AsciiString UPGRADE = AsciiString.cached("upgrade");
    private static final AsciiString[] HOP_BY_HOP = {
        CONNECTION, TRANSFER_ENCODING, AsciiString.cached("keep-alive"), AsciiString.cached("proxy-connection"),
        AsciiString.cached("te"), UPGRADE,
    };

    /** Reused from one response to the next on a connection: a head is valid until the next is parsed. */
    private byte[] bytes = new byte[512];
    private final Scan scan = new Scan();

    /**
     * Reads the head of {@code length} bytes at {@code in}'s reader index (from the status line to the
     * empty line, inclusive) into an array of its own: a buffer's per-byte checks cost more than the
     * parsing. The exchange uses the result at once; the next call reuses its arrays.
     *
     * @return the head, or null when it is not a valid HTTP/1.x response head
     */
    UpstreamHead parse(ByteBuf in, int length) {
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        in.readBytes(bytes, 0, length);
        return scan.run(bytes, length);
    }

    /**
     * One pass over the lines, then the choice of lines to forward, which needs every Connection value.
     * One per parser, its state reset for each head.
     */
    private static final class Scan {
        private byte[] head;
        private int length;
        private int[] lines = new int[3 * 32];
        private int[] runs = new int[2 * 32];
        private int lineCount;
        private long contentLength;
        private boolean transferEncoding;
        private boolean chunked;
        private boolean close;
        private boolean keepAliveToken;
        /** Whether a Connection value names a field other than the hop-by-hop ones removed anyway. */
        private boolean namesOtherFields;
        private boolean framingNominated;

        UpstreamHead run(byte[] head, int length) {
            this.head = head;
            this.length = length;
            lineCount = 0;
            contentLength = -1;
            transferEncoding = false;
            chunked = false;
            close = false;
            keepAliveToken = false;
            namesOtherFields = false;
            framingNominated = false;
            int statusLineEnd = HeadBytes.indexOf(head, 0, length, (byte) '\n');
            int statusEnd = HeadBytes.trimCr(head, 0, statusLineEnd);
            int start = 0;
            // "HTTP/1.x 200 Reason": the version, one space, three digits, then a space or the end.
            if (statusEnd - start < 12 || !HeadBytes.startsWith(head, start, "HTTP/1.") || head[start + 8] != ' '
                    || statusEnd > start + 12 && head[start + 12] != ' ') {
                return null;
            }
            byte minor = head[start + 7];
            int status = HeadBytes.digits(head, start + 9, start + 12);
            if (minor != '0' && minor != '1' || status < 100) {
                return null;
            }
            int lineStart = statusLineEnd + 1;
            while (true) {
                int lf = HeadBytes.indexOf(head, lineStart, length, (byte) '\n');
                if (lf < 0) {
                    return null;
                }
                int end = HeadBytes.trimCr(head, lineStart, lf);
                if (end == lineStart) {
                    break; // the empty line
                }
                if (!field(lineStart, end)) {
                    return null;
                }
                lineStart = lf + 1;
            }
            if (transferEncoding && contentLength >= 0 || framingNominated) {
                return null;
            }
            boolean upgrade = status == 101;
            boolean keepAlive = minor == '1' ? !close : keepAliveToken && !close;
            return new UpstreamHead(head, status, keepAlive, transferEncoding ? -1 : contentLength, chunked,
                    runs, forwarded(upgrade, start + 9, statusEnd), false);
        }

        private boolean field(int start, int end) {
            byte first = head[start];
            if (first == ' ' || first == '\t') {
                return false; // obs-fold
            }
            int colon = HeadBytes.indexOf(head, start, end, (byte) ':');
            if (colon <= start || !HeadBytes.isToken(head, start, colon) || !HeadBytes.isFieldValue(head, colon + 1, end)) {
                return false;
            }
            int valueStart = HeadBytes.skipSpace(head, colon + 1, end);
            int valueEnd = HeadBytes.trimSpace(head, valueStart, end);
            if (HeadBytes.is(head, start, colon, CONTENT_LENGTH)) {
                long length = HeadBytes.digitsLong(head, valueStart, valueEnd);
                if (length < 0 || contentLength >= 0 && contentLength != length) {
                    return false;
                }
                contentLength = length;
            } else if (HeadBytes.is(head, start, colon, TRANSFER_ENCODING)) {
                transferEncoding = true;
                int comma = HeadBytes.lastIndexOf(head, valueStart, valueEnd, (byte) ','); // the last coding counts
                int last = HeadBytes.skipSpace(head, comma < 0 ? valueStart : comma + 1, valueEnd);
                chunked = valueEnd - last == 7 && HeadBytes.startsWithIgnoreCase(head, last, "chunked");
            } else if (HeadBytes.is(head, start, colon, CONNECTION)) {
                connectionTokens(valueStart, valueEnd);
            }
            add(start, end, colon);
            return true;
        }

        private void connectionTokens(int start, int end) {
            for (int i = start; i < end; ) {
                int comma = HeadBytes.indexOf(head, i, end, (byte) ',');
                int tokenEnd = comma < 0 ? end : comma;
                int from = HeadBytes.skipSpace(head, i, tokenEnd);
                int to = HeadBytes.trimSpace(head, from, tokenEnd);
                boolean isClose = to - from == 5 && HeadBytes.startsWithIgnoreCase(head, from, "close");
                boolean isKeepAlive = to - from == 10 && HeadBytes.startsWithIgnoreCase(head, from, "keep-alive");
                // A server may not make its own framing hop-by-hop: obeying would forward the body unframed.
                framingNominated |= HeadBytes.is(head, from, to, CONTENT_LENGTH) || HeadBytes.is(head, from, to, TRANSFER_ENCODING);
                close |= isClose;
                keepAliveToken |= isKeepAlive;
                namesOtherFields |= to > from && !isClose && !isKeepAlive && !HeadBytes.is(head, from, to, UPGRADE);
                i = tokenEnd + 1;
            }
        }

        /**
         * Start and end (without the line end) of each run of lines to forward, pairwise, from the status
         * code on. Adjacent lines that end in CR LF make one run, so that the head is copied in a few
         * pieces. A 101 keeps Upgrade (the writer adds Connection).
         */
        private int forwarded(boolean upgrade, int statusStart, int statusEnd) {
            if (runs.length < lineCount / 3 * 2 + 2) {
                runs = new int[lineCount / 3 * 2 + 2];
            }
            runs[0] = statusStart;
            runs[1] = statusEnd;
            int k = 2;
            for (int i = 0; i < lineCount; i += 3) {
                int start = lines[i];
                int colon = lines[i + 2];
                if (upgrade && HeadBytes.is(head, start, colon, UPGRADE) || !isHopByHop(start, colon) && !namedByConnection(start, colon)) {
                    int previousEnd = runs[k - 1];
                    if (start == previousEnd + 2 && head[previousEnd] == '\r') {
                        runs[k - 1] = lines[i + 1];
                    } else {
                        runs[k++] = start;
                        runs[k++] = lines[i + 1];
                    }
                }
            }
            return k;
        }

        private boolean isHopByHop(int start, int colon) {
            for (AsciiString name : HOP_BY_HOP) {
                if (HeadBytes.is(head, start, colon, name)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a {@code Connection} value names this field; only looked at when one came. */
        private boolean namedByConnection(int start, int colon) {
            if (!namesOtherFields) {
                return false;
            }
            for (int i = 0; i < lineCount; i += 3) {
                if (HeadBytes.is(head, lines[i], lines[i + 2], CONNECTION) && listsToken(lines[i + 2] + 1, lines[i + 1], start, colon)) {
                    return true;
                }
            }
            return false;
        }

        private boolean listsToken(int valueStart, int valueEnd, int nameStart, int nameEnd) {
            for (int i = valueStart; i < valueEnd; ) {
                int comma = HeadBytes.indexOf(head, i, valueEnd, (byte) ',');
                int tokenEnd = comma < 0 ? valueEnd : comma;
                int from = HeadBytes.skipSpace(head, i, tokenEnd);
                int to = HeadBytes.trimSpace(head, from, tokenEnd);
                if (to - from == nameEnd - nameStart && HeadBytes.equalIgnoreCase(head, from, nameStart, to - from)) {
                    return true;
                }
                i = tokenEnd + 1;
            }
            return false;
        }

        private void add(int start, int end, int colon) {
            if (lineCount + 3 > lines.length) {
                lines = java.util.Arrays.copyOf(lines, lines.length * 2);
            }
            lines[lineCount++] = start;
            lines[lineCount++] = end;
            lines[lineCount++] = colon;
        }

    }
}
