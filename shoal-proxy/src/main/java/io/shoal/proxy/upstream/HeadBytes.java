package io.shoal.proxy.upstream;

import io.netty.util.AsciiString;

/**
 * Byte-level reading of an HTTP head held in an array, by offsets: what {@link ResponseHeadParser} needs
 * to check a head without making strings. Every range is {@code [start, end)}.
 */
final class HeadBytes {
    /** RFC 9110 section 5.6.2: the characters of a token, such as a field name. */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c : "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HeadBytes() {}

    static int indexOf(byte[] head, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (head[i] == value) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(byte[] head, int from, int to, byte value) {
        for (int i = to - 1; i >= from; i--) {
            if (head[i] == value) {
                return i;
            }
        }
        return -1;
    }

    static int trimCr(byte[] head, int start, int lf) {
        return lf > start && head[lf - 1] == '\r' ? lf - 1 : lf;
    }

    static int skipSpace(byte[] head, int i, int end) {
        while (i < end && isSpace(head[i])) {
            i++;
        }
        return i;
    }

    static int trimSpace(byte[] head, int start, int end) {
        while (end > start && isSpace(head[end - 1])) {
            end--;
        }
        return end;
    }

    /** A decimal number of up to 18 digits, or -1. */
    static int digits(byte[] head, int start, int end) {
        long value = digitsLong(head, start, end);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    static long digitsLong(byte[] head, int start, int end) {
        if (start == end || end - start > 18) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            byte b = head[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    static boolean isToken(byte[] head, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = head[i];
            if (b < 0 || !TCHAR[b]) {
                return false;
            }
        }
        return true;
    }

    /** Visible characters, spaces and tabs; obs-text (bytes of 0x80 and above) is allowed. */
    static boolean isFieldValue(byte[] head, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = head[i];
            if (b >= 0 && b < 0x20 && b != '\t' || b == 0x7F) {
                return false;
            }
        }
        return true;
    }

    static boolean is(byte[] head, int start, int end, AsciiString name) {
        return end - start == name.length() && startsWithIgnoreCase(head, start, name);
    }

    static boolean startsWith(byte[] head, int start, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (head[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWithIgnoreCase(byte[] head, int start, CharSequence lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            if (toLower(head[start + i]) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean equalIgnoreCase(byte[] head, int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (toLower(head[a + i]) != toLower(head[b + i])) {
                return false;
            }
        }
        return true;
    }

    private static int toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }
}
