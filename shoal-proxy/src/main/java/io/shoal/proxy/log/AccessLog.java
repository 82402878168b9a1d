package io.shoal.proxy.log;

import io.netty.util.internal.PlatformDependent;
import io.shoal.config.AccessLogConfig;
import java.io.IOException;
import java.io.Writer;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access-log lines off the request path. Event loops offer each record to a bounded lock-free
 * queue and never wait: when the writer falls behind (a slow disk, a pipe nobody reads) the queue fills
 * and further records are dropped and counted ({@link #dropped()}), so memory stays bounded and
 * requests go on being served. One daemon thread formats and writes, and opens the file again when
 * asked ({@link #reopen()}, on SIGUSR1, the way logrotate has nginx do it).
 *
 * <p>Threading: {@link #log} from any event loop; the rest from the control plane.
 */
public final class AccessLog implements AutoCloseable {
    /** Records waiting for the writer: at a few hundred bytes each, a few megabytes at most. */
    public static final int QUEUE_CAPACITY = 8192;
    private static final Logger EVENTS = LoggerFactory.getLogger("shoal.access_log");
    private static final AccessLog OFF = new AccessLog();

    private enum State { RUNNING, CLOSING }

    private final Queue<AccessLogRecord> queue;
    private final AccessLogFormat format;
    private final AccessLogFile file;
    private final LongAdder dropped = new LongAdder();
    private final AtomicBoolean writerParked = new AtomicBoolean();
    private final AtomicBoolean reopenAsked = new AtomicBoolean();
    private final Thread writer;
    private volatile State state = State.RUNNING;
    /** Owned by the writer thread once it runs; null while not open. */
    private Writer out;
    private boolean writesFailing;

    private AccessLog() {
        this.queue = null;
        this.format = null;
        this.file = null;
        this.writer = null;
    }

    private AccessLog(AccessLogFormat format, AccessLogFile file, Writer out) {
        this.queue = PlatformDependent.newFixedMpscQueue(QUEUE_CAPACITY);
        this.format = format;
        this.file = file;
        this.out = out;
        this.writer = new Thread(this::writeLoop, "shoal-access-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens a regular file now (a bad path fails here); a FIFO or device is opened by the writer thread. */
    public static AccessLog open(AccessLogConfig config) throws IOException {
        if (!config.enabled()) {
            return OFF;
        }
        AccessLogFile file = new AccessLogFile(config.path());
        return new AccessLog(AccessLogFormat.of(config.format()), file, file.opensAtOnce() ? file.open() : null);
    }

    public static AccessLog off() {
        return OFF;
    }

    public boolean enabled() {
        return writer != null;
    }

    /** Never blocks: a record that finds the queue full is dropped and counted. */
    public void log(AccessLogRecord record) {
        if (!queue.offer(record)) {
            dropped.increment();
            return;
        }
        wakeWriter();
    }

    /** Lines lost since start: the queue was full, or the file could not be opened or written. */
    public long dropped() {
        return dropped.sum();
    }

    /** Records waiting for the writer now; never more than {@link #QUEUE_CAPACITY}. */
    public int queued() {
        return queue == null ? 0 : queue.size();
    }

    /** Has the writer close the file and open its path again, once the lines queued before are written. */
    public void reopen() {
        if (writer != null) {
            reopenAsked.set(true);
            LockSupport.unpark(writer);
        }
    }

    private void wakeWriter() {
        if (writerParked.get() && writerParked.compareAndSet(true, false)) {
            LockSupport.unpark(writer);
        }
    }

    private void writeLoop() {
        if (out == null) {
            out = openOrNull();
        }
        while (true) {
            AccessLogRecord record = queue.poll();
            if (record != null) {
                write(record);
                continue;
            }
            flush();
            if (reopenAsked.getAndSet(false)) {
                reopenNow();
            } else if (state == State.CLOSING) {
                break;
            } else {
                park();
            }
        }
        closeQuietly(out);
    }

    private void park() {
        writerParked.set(true);
        if (queue.isEmpty() && !reopenAsked.get() && state == State.RUNNING) {
            LockSupport.park(this);
        }
        writerParked.set(false);
    }

    private void write(AccessLogRecord record) {
        if (out == null) {
            dropped.increment();
            return;
        }
        try {
            out.write(format.format(record));
            out.write('\n');
            writesSucceeded();
        } catch (IOException e) {
            dropped.increment();
            writeFailed(e);
        }
    }

    private void flush() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                writeFailed(e);
            }
        }
    }

    /** Logged once when writes start failing and once when they work again, not once a line. */
    private void writeFailed(IOException e) {
        if (!writesFailing) {
            writesFailing = true;
            EVENTS.error("access log {}: writing failed, lines are dropped until it works again: {}", file, e.toString());
        }
    }

    private void writesSucceeded() {
        if (writesFailing) {
            writesFailing = false;
            EVENTS.info("access log {}: writing works again", file);
        }
    }

    /** Keeps the old file when the new one cannot be opened, as nginx does. */
    private void reopenNow() {
        Writer next = openOrNull();
        if (next != null) {
            closeQuietly(out);
            out = next;
            EVENTS.info("access log {}: reopened", file);
        }
    }

    private Writer openOrNull() {
        try {
            return file.open();
        } catch (IOException e) {
            EVENTS.error("access log {}: cannot open: {}", file, e.toString());
            return null;
        }
    }

    private void closeQuietly(Writer writer) {
        if (writer != null) {
            try {
                file.close(writer);
            } catch (IOException e) {
                EVENTS.warn("access log {}: closing failed: {}", file, e.toString());
            }
        }
    }

    /** Writes what is queued and closes the file; gives up after 5 s (a FIFO nobody reads never takes it). */
    @Override
    public void close() {
        if (writer != null) {
            state = State.CLOSING;
            LockSupport.unpark(writer);
            try {
                writer.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
