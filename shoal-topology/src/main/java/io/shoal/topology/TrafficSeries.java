package io.shoal.topology;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The per-second samples of one server or service: figures for {@link TrafficSampler#HISTORY_SECONDS},
 * latency histograms for the shorter {@link TrafficSampler#WINDOW_SECONDS} that windows can span.
 * The sampler's thread adds; any thread reads (monitor-guarded, control plane only).
 *
 * <p>A second's histogram is kept in HdrHistogram's own encoding (about 600 bytes) and decoded when
 * a window asks for it: the sampler shares the proxy's cores once a second, and encoding is a
 * quarter of the time a {@code PackedHistogram} copy took (docs/benchmarks.md).
 */
final class TrafficSeries {
    /** The histogram of a second without responses. */
    private static final byte[] NO_LATENCIES = new byte[0];

    private final ArrayDeque<TrafficSecond> seconds = new ArrayDeque<>();
    private final ArrayDeque<byte[]> histograms = new ArrayDeque<>();
    /** The cumulative counts at the previous sample, for a server's series. */
    long lastRequests;
    long lastErrors;

    /** @param encoding scratch space for the histogram's encoding, at least its needed capacity */
    synchronized void add(long atEpochMillis, double elapsedSeconds, long requests, long errors,
                          AbstractHistogram latencyMicros, ByteBuffer encoding) {
        seconds.addLast(new TrafficSecond(atEpochMillis, elapsedSeconds, requests, errors,
                millis(latencyMicros, 50), millis(latencyMicros, 95), millis(latencyMicros, 99)));
        if (latencyMicros.getTotalCount() == 0) {
            // An idle second is neither encoded nor merged: HdrHistogram's loops would otherwise be profiled on
            // empty data while idle and recompiled by C2, on the proxy's CPU, when the load comes back.
            histograms.addLast(NO_LATENCIES);
        } else {
            encoding.clear();
            int length = latencyMicros.encodeIntoByteBuffer(encoding);
            histograms.addLast(Arrays.copyOf(encoding.array(), length));
        }
        while (seconds.size() > TrafficSampler.HISTORY_SECONDS) {
            seconds.pollFirst();
        }
        while (histograms.size() > TrafficSampler.WINDOW_SECONDS) {
            histograms.pollFirst();
        }
    }

    synchronized List<TrafficSecond> history() {
        return new ArrayList<>(seconds);
    }

    /** The last {@code count} samples (at most {@link TrafficSampler#WINDOW_SECONDS}) as one figure. */
    synchronized TrafficFigures last(int count) {
        int n = Math.min(count, histograms.size());
        if (n == 0) {
            return TrafficFigures.NONE;
        }
        Histogram latency = null;
        Iterator<byte[]> h = histograms.descendingIterator();
        Iterator<TrafficSecond> s = seconds.descendingIterator();
        double covered = 0;
        long requests = 0;
        long errors = 0;
        for (int i = 0; i < n; i++) {
            TrafficSecond second = s.next();
            byte[] encoded = h.next();
            covered += second.seconds();
            requests += second.requests();
            errors += second.errors();
            if (encoded == NO_LATENCIES) {
                continue;
            }
            Histogram histogram = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded), 0);
            if (latency == null) {
                latency = histogram;
            } else {
                latency.add(histogram);
            }
        }
        if (latency == null) {
            return new TrafficFigures(covered, requests, errors, 0, 0, 0, 0);
        }
        return new TrafficFigures(covered, requests, errors, latency.getTotalCount(),
                millis(latency, 50), millis(latency, 95), millis(latency, 99));
    }

    private static double millis(AbstractHistogram latencyMicros, double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
