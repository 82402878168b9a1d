package io.shoal.proxy;

import io.shoal.config.AccessLogConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes access-log lines off the request path: event loops enqueue a record (lock-free) and one
 * daemon thread formats and writes them.
 */
public final class AccessLog implements AutoCloseable {
    private static final AccessLog OFF = new AccessLog();

    private final Queue<AccessLogRecord> queue = new ConcurrentLinkedQueue<>();
    private final AccessLogFormat format;
    private final Writer out;
    private final Thread writer;
    private volatile boolean closed;

    private AccessLog() {
        this.format = null;
        this.out = null;
        this.writer = null;
    }

    private AccessLog(AccessLogFormat format, Writer out) {
        this.format = format;
        this.out = out;
        this.writer = new Thread(this::drainLoop, "shoal-access-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public static AccessLog open(AccessLogConfig config) throws IOException {
        if (!config.enabled()) {
            return OFF;
        }
        Writer out = "-".equals(config.path())
                ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(Path.of(config.path()), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new AccessLog(AccessLogFormat.of(config.format()), new BufferedWriter(out));
    }

    public static AccessLog off() {
        return OFF;
    }

    boolean enabled() {
        return writer != null;
    }

    void log(AccessLogRecord record) {
        queue.offer(record);
    }

    private void drainLoop() {
        while (!closed || !queue.isEmpty()) {
            AccessLogRecord record = queue.poll();
            if (record == null) {
                flushQuietly();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                continue;
            }
            try {
                out.write(format.format(record));
                out.write('\n');
            } catch (IOException e) {
                System.err.println("shoal: access log write failed: " + e.getMessage());
            }
        }
        flushQuietly();
    }

    private void flushQuietly() {
        try {
            out.flush();
        } catch (IOException e) {
            System.err.println("shoal: access log flush failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            closed = true;
            try {
                writer.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
