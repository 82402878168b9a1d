package io.shoal.proxy.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where access-log lines go: a file opened for appending (and opened again after logrotate moved
 * it), or standard output for {@code "-"}.
 */
final class AccessLogFile {
    static final String STANDARD_OUTPUT = "-";

    private final String path;

    AccessLogFile(String path) {
        this.path = path;
    }

    /**
     * False for a FIFO or a device: opening one for writing can wait for a reader for ever, so only the
     * writer thread may do it. A regular file (or one still to be created) opens at once, so that a bad
     * path stops Shoal at start-up with a clear message.
     */
    boolean opensAtOnce() {
        if (STANDARD_OUTPUT.equals(path)) {
            return true;
        }
        Path file = Path.of(path);
        return !Files.exists(file) || Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** A new writer; for standard output, one that is never really closed. */
    Writer open() throws IOException {
        if (STANDARD_OUTPUT.equals(path)) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        }
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(Path.of(path),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8));
    }

    /** Flushes {@code out}; closes it unless it writes to standard output, which stays open for other lines. */
    void close(Writer out) throws IOException {
        if (STANDARD_OUTPUT.equals(path)) {
            out.flush();
        } else {
            out.close();
        }
    }

    @Override
    public String toString() {
        return STANDARD_OUTPUT.equals(path) ? "standard output" : path;
    }
}
