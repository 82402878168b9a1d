package io.shoal.proxy.http1;

import io.netty.buffer.ByteBuf;

/**
 * Follows a chunked request body on the wire, a step ahead of Netty's decoder, and checks each
 * chunk-size line against RFC 9112 section 7.1: {@code 1*HEXDIG [ BWS ";" chunk-ext ] CRLF}. Netty
 * reads a size up to the first character that is not a hex digit and ignores the rest of the line
 * unless it holds a ';', so it accepts {@code "5 junk"} or {@code " 5"}, which another server may
 * read otherwise. Chunk data is skipped by count, never scanned; Netty checks the CRLF after it,
 * the extensions and the trailer fields.
 */
final class ChunkSizeLines {
    private enum State { SIZE_START, SIZE, WHITESPACE, EXTENSION, CR, DATA, DONE }

    private State state = State.DONE;
    private long size;
    /** Bytes of chunk data, plus its CRLF, still to skip. */
    private long remaining;

    /** A chunked body starts with the next byte. */
    void start() {
        state = State.SIZE_START;
        size = 0;
    }

    /** Whether a chunked body is being followed (its last chunk's size line is not yet complete). */
    boolean active() {
        return state != State.DONE;
    }

    /** Reads bytes {@code from} (inclusive) to {@code to}; false at the first one that breaks the grammar. */
    boolean scan(ByteBuf buffer, int from, int to) {
        int i = from;
        while (i < to && state != State.DONE) {
            if (state == State.DATA) {
                int skip = (int) Math.min(remaining, to - i);
                i += skip;
                remaining -= skip;
                if (remaining == 0) {
                    state = State.SIZE_START;
                    size = 0;
                }
                continue;
            }
            if (!accept(buffer.getByte(i++))) {
                return false;
            }
        }
        return true;
    }

    private boolean accept(byte b) {
        switch (state) {
            case SIZE_START:
            case SIZE:
                int digit = Character.digit(b, 16);
                if (digit >= 0) {
                    size = size * 16 + digit;
                    state = State.SIZE;
                    return size <= Integer.MAX_VALUE; // Netty's limit too
                }
                return state == State.SIZE && endOfSize(b);
            case WHITESPACE:
                return endOfSize(b) && b != '\r';
            case EXTENSION:
                if (b == '\r') {
                    state = State.CR;
                }
                return b != '\n';
            case CR:
                if (b != '\n') {
                    return false;
                }
                remaining = size + 2;
                state = size == 0 ? State.DONE : State.DATA;
                return true;
            default:
                throw new IllegalStateException(state.name());
        }
    }

    /** After the digits: optional whitespace, then an extension or the end of the line. */
    private boolean endOfSize(byte b) {
        switch (b) {
            case ' ':
            case '\t':
                state = State.WHITESPACE;
                return true;
            case ';':
                state = State.EXTENSION;
                return true;
            case '\r':
                state = State.CR;
                return true;
            default:
                return false;
        }
    }
}
