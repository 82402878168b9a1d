package io.shoal.bench.internal;

import io.shoal.bench.BenchResult;
import io.shoal.bench.ErrorKind;
import io.shoal.bench.LoadPlan;
import io.shoal.bench.Second;
import io.shoal.bench.TlsSession;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Adds up the event loops' counters into one {@link BenchResult}, once the loops have stopped. */
final class Results {
    private Results() {
    }

    /** {@code due} is how many requests the open model's schedule wanted sent (0 in the closed model). */
    static BenchResult collect(LoadPlan plan, Duration elapsed, Histogram latency, List<Second> timeline,
                               List<LoopStats> loops, long due, Optional<TlsSession> tls) {
        TreeMap<Integer, Long> statuses = new TreeMap<>();
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        Map<String, Long> instances = new HashMap<>();
        long unlabelled = 0;
        long bytesRead = 0;
        long handshakes = 0;
        for (LoopStats loop : loops) {
            for (int status = 0; status < loop.statuses.length; status++) {
                if (loop.statuses[status] > 0) {
                    statuses.merge(status, loop.statuses[status], Long::sum);
                }
            }
            for (ErrorKind kind : ErrorKind.values()) {
                if (loop.errors[kind.ordinal()] > 0) {
                    errors.merge(kind, loop.errors[kind.ordinal()], Long::sum);
                }
            }
            loop.instances.forEach((label, count) -> instances.merge(label, count[0], Long::sum));
            unlabelled += loop.unlabelled;
            bytesRead += loop.bytesRead;
            handshakes += loop.handshakes;
        }
        long ended = latency.getTotalCount() + errors.values().stream().mapToLong(Long::longValue).sum();
        return new BenchResult(plan, elapsed, latency, List.copyOf(timeline), statuses, errors, instances, unlabelled,
                Math.max(0, due - ended), bytesRead, plan.protocolName(), tls, handshakes);
    }
}
