package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The facts of one response head that a load generator needs (RFC 9112 sections 4, 6 and 9.3): status, framing
 * (Content-Length or chunked), whether the connection stays open, and the optional label header. It reads them in
 * place from the received bytes and keeps no other header, so that an answer costs no allocation unless a label
 * is asked for; one instance per connection is reused for every answer.
 */
final class ResponseHead {
    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] CONNECTION = bytes("connection");
    private static final byte[] CHUNKED = bytes("chunked");
    private static final byte[] CLOSE = bytes("close");
    private static final byte[] KEEP_ALIVE = bytes("keep-alive");

    private final byte[] labelHeader;
    int status;
    long contentLength;
    boolean chunked;
    boolean keepAlive;
    String label;

    /** {@code labelHeader} is the header to read the instance label from, or null. */
    ResponseHead(String labelHeader) {
        this.labelHeader = labelHeader == null ? null : bytes(labelHeader);
    }

    /** Parses the head in {@code buf} from {@code from} up to {@code end} (just past its blank line); false if malformed. */
    boolean parse(ByteBuf buf, int from, int end) {
        contentLength = -1;
        chunked = false;
        label = null;
        int eol = buf.indexOf(from, end, (byte) '\n');
        // "HTTP/1.1 200 OK": version, space, three digits
        if (eol - from < 12 || !startsWith(buf, from, "HTTP/1.") || buf.getByte(from + 8) != ' ') {
            return false;
        }
        keepAlive = buf.getByte(from + 7) == '1';
        status = 0;
        for (int i = from + 9; i < from + 12; i++) {
            int digit = buf.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            status = status * 10 + digit;
        }
        for (int line = eol + 1; line < end; line = eol + 1) {
            eol = buf.indexOf(line, end, (byte) '\n');
            int colon = buf.indexOf(line, eol, (byte) ':');
            if (colon < 0) {
                continue; // the blank line that ends the head
            }
            int valueStart = buf.forEachByte(colon + 1, eol - colon - 1, ByteProcessor.FIND_NON_LINEAR_WHITESPACE);
            if (valueStart < 0) {
                valueStart = eol; // an empty value
            }
            int valueEnd = eol;
            while (valueEnd > valueStart && (buf.getByte(valueEnd - 1) == '\r' || buf.getByte(valueEnd - 1) == ' ')) {
                valueEnd--;
            }
            if (!header(buf, line, colon, valueStart, valueEnd)) {
                return false;
            }
        }
        return true;
    }

    private boolean header(ByteBuf buf, int name, int colon, int value, int valueEnd) {
        if (nameIs(buf, name, colon, CONTENT_LENGTH)) {
            long length = 0;
            for (int i = value; i < valueEnd; i++) {
                int digit = buf.getByte(i) - '0';
                if (digit < 0 || digit > 9 || length > Long.MAX_VALUE / 10 - 1) {
                    return false;
                }
                length = length * 10 + digit;
            }
            if (value == valueEnd || contentLength >= 0 && contentLength != length) {
                return false;
            }
            contentLength = length;
        } else if (nameIs(buf, name, colon, TRANSFER_ENCODING)) {
            // chunked must be the last coding (RFC 9112 section 6.3)
            chunked = valueEnd - value >= CHUNKED.length && nameIs(buf, valueEnd - CHUNKED.length, valueEnd, CHUNKED);
        } else if (nameIs(buf, name, colon, CONNECTION)) {
            keepAlive = !contains(buf, value, valueEnd, CLOSE) && (keepAlive || contains(buf, value, valueEnd, KEEP_ALIVE));
        } else if (labelHeader != null && label == null && nameIs(buf, name, colon, labelHeader)) {
            label = buf.toString(value, valueEnd - value, StandardCharsets.UTF_8);
        }
        return true;
    }

    /** Whether bytes {@code start} to {@code end} equal {@code lowerCaseName}, ignoring ASCII case. */
    private static boolean nameIs(ByteBuf buf, int start, int end, byte[] lowerCaseName) {
        if (end - start != lowerCaseName.length) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length; i++) {
            byte b = buf.getByte(start + i);
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerCaseName[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(ByteBuf buf, int start, int end, byte[] lowerCaseToken) {
        for (int i = start; i + lowerCaseToken.length <= end; i++) {
            if (nameIs(buf, i, i + lowerCaseToken.length, lowerCaseToken)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(ByteBuf buf, int at, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (buf.getByte(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String name) {
        return name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }
}
