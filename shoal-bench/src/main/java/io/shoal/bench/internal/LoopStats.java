package io.shoal.bench.internal;

import io.shoal.bench.ErrorKind;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What one event loop counted. Threading: only that loop writes; the sampler thread reads the latency recorder and
 * {@link #failures} while the run goes on; everything else is read after the loop has terminated.
 */
final class LoopStats {
    /** Latencies in microseconds, up to an hour; longer ones are recorded as an hour. */
    static final long MAX_MICROS = 3_600_000_000L;

    private final SingleWriterRecorder latency = new SingleWriterRecorder(1, MAX_MICROS, 3);
    private final AtomicLong failures = new AtomicLong();
    final long[] statuses = new long[1000];
    final long[] errors = new long[ErrorKind.values().length];
    final Map<String, long[]> instances = new HashMap<>();
    long unlabelled;
    long bytesRead;
    long handshakes;

    void response(int status, long latencyNanos) {
        latency.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1000)));
        statuses[status]++;
        if (status >= 400) {
            failures.lazySet(failures.get() + 1);
        }
    }

    void error(ErrorKind kind) {
        errors[kind.ordinal()]++;
        failures.lazySet(failures.get() + 1);
    }

    void instance(String label) {
        if (label == null) {
            unlabelled++;
        } else {
            instances.computeIfAbsent(label, k -> new long[1])[0]++;
        }
    }

    /** Answers with status 400 or more plus requests without an answer, so far. */
    long failures() {
        return failures.get();
    }

    /** The latencies recorded since the previous call, into {@code recycle} when not null. */
    Histogram interval(Histogram recycle) {
        return latency.getIntervalHistogram(recycle);
    }
}
