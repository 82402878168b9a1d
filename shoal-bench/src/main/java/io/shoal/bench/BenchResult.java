package io.shoal.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;

/**
 * Everything one run measured. {@code latency} holds microseconds, from the intended send time in the open model
 * and from the send time in the closed one; treat it as read-only. {@code dropped} counts open-model requests that
 * were due before the end but never sent because every connection was busy: a sign the target fell behind.
 * {@code protocol} is what ran ({@code HTTP/1.1}, {@code h2}, {@code h2c}), {@code tls} what the first TLS handshake
 * negotiated, and {@code handshakes} how many TLS handshakes completed.
 */
public record BenchResult(LoadPlan plan, Duration elapsed, Histogram latency, List<Second> timeline,
                          SortedMap<Integer, Long> statuses, Map<ErrorKind, Long> errors,
                          Map<String, Long> instances, long unlabelled, long dropped, long bytesRead,
                          String protocol, Optional<TlsSession> tls, long handshakes) {

    /** Answers received, whatever their status. */
    public long responses() {
        return latency.getTotalCount();
    }

    public double requestsPerSecond() {
        return responses() / seconds();
    }

    public double handshakesPerSecond() {
        return handshakes / seconds();
    }

    public double bytesReadPerSecond() {
        return bytesRead / seconds();
    }

    /** Answers with status 400 or more plus requests that got no answer. */
    public long failures() {
        return errors.values().stream().mapToLong(Long::longValue).sum()
                + statuses.tailMap(400).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Failures by kind, each error status its own kind ({@code status 500}), the transport errors after them. */
    public Map<String, Long> failureKinds() {
        Map<String, Long> kinds = new LinkedHashMap<>();
        statuses.tailMap(400).forEach((status, count) -> kinds.put("status " + status, count));
        errors.forEach((kind, count) -> kinds.put(kind.label(), count));
        return kinds;
    }

    /** Requests that ended one way or another: answers plus errors. */
    public long requests() {
        return responses() + errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The spread over instances, when the plan says how to label answers. */
    public Optional<Distribution> distribution() {
        return plan.instanceKey().map(key -> Distribution.of(key, instances, unlabelled));
    }

    /** Latency at {@code percentile} (0-100) in milliseconds. */
    public double millisAt(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    private double seconds() {
        return Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
