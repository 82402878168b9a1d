package io.shoal.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The per-second samples of one server or service: figures for {@link TrafficSampler#HISTORY_SECONDS},
 * latency counts for the shorter {@link TrafficSampler#WINDOW_SECONDS} that windows can span.
 * The sampler's thread adds; any thread reads (monitor-guarded, control plane only).
 */
final class TrafficSeries {
    private final ArrayDeque<TrafficSecond> seconds = new ArrayDeque<>();
    private final ArrayDeque<LatencyCounts> latencies = new ArrayDeque<>();
    /** The cumulative counts at the previous sample, for a server's series. */
    long lastRequests;
    long lastErrors;
    private long[] lastLatencies;

    /** @param latencyCounts the second's latency counts, one per {@link LatencyBuckets} bucket (read, not kept) */
    synchronized void add(long atEpochMillis, double elapsedSeconds, long requests, long errors, long[] latencyCounts) {
        long responses = total(latencyCounts);
        seconds.addLast(new TrafficSecond(atEpochMillis, elapsedSeconds, requests, errors,
                LatencyBuckets.percentileMillis(latencyCounts, responses, 50),
                LatencyBuckets.percentileMillis(latencyCounts, responses, 95),
                LatencyBuckets.percentileMillis(latencyCounts, responses, 99)));
        latencies.addLast(responses == 0 ? LatencyCounts.NONE : LatencyCounts.of(latencyCounts));
        while (seconds.size() > TrafficSampler.HISTORY_SECONDS) {
            seconds.pollFirst();
        }
        while (latencies.size() > TrafficSampler.WINDOW_SECONDS) {
            latencies.pollFirst();
        }
    }

    /** A server's cumulative latency counts at the previous sample (for the sampler's thread only). */
    long[] lastLatencies() {
        if (lastLatencies == null) {
            lastLatencies = new long[LatencyBuckets.COUNT];
        }
        return lastLatencies;
    }

    synchronized List<TrafficSecond> history() {
        return new ArrayList<>(seconds);
    }

    /** The last {@code count} samples (at most {@link TrafficSampler#WINDOW_SECONDS}) as one figure. */
    synchronized TrafficFigures last(int count) {
        int n = Math.min(count, latencies.size());
        if (n == 0) {
            return TrafficFigures.NONE;
        }
        long[] window = new long[LatencyBuckets.COUNT];
        Iterator<LatencyCounts> l = latencies.descendingIterator();
        Iterator<TrafficSecond> s = seconds.descendingIterator();
        double covered = 0;
        long requests = 0;
        long errors = 0;
        for (int i = 0; i < n; i++) {
            TrafficSecond second = s.next();
            covered += second.seconds();
            requests += second.requests();
            errors += second.errors();
            l.next().addTo(window);
        }
        long responses = total(window);
        return new TrafficFigures(covered, requests, errors, responses,
                LatencyBuckets.percentileMillis(window, responses, 50),
                LatencyBuckets.percentileMillis(window, responses, 95),
                LatencyBuckets.percentileMillis(window, responses, 99));
    }

    private static long total(long[] counts) {
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        return sum;
    }
}
