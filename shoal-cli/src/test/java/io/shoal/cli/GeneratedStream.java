package io.shoal.cli;

import java.io.InputStream;

/** {@code size} bytes of a repeating pattern, made as they are read: large bodies without large memory. */
final class GeneratedStream extends InputStream {
    private long remaining;

    GeneratedStream(long size) {
        this.remaining = size;
    }

    @Override
    public int read() {
        if (remaining == 0) {
            return -1;
        }
        remaining--;
        return (int) (remaining & 0x7f);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(len, remaining);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) ((remaining - i - 1) & 0x7f);
        }
        remaining -= n;
        return n;
    }
}
