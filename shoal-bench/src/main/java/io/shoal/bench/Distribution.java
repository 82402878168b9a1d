package io.shoal.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How answers were spread over the instances that gave them, and how uneven that was: max/min (1.0 is perfectly
 * even; what round robin should give) and the coefficient of variation stddev/mean (0 is even; it does not jump
 * when one instance got a handful more). Answers without a label are counted apart and left out of both.
 */
public record Distribution(InstanceKey key, List<Share> shares, long unlabelled, double maxOverMin, double stddevOverMean) {

    /** One instance's answers and their fraction of all labelled answers. */
    public record Share(String instance, long count, double fraction) {
    }

    public static Distribution of(InstanceKey key, Map<String, Long> counts, long unlabelled) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Share> shares = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByKey(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())))
                .map(e -> new Share(e.getKey(), e.getValue(), total == 0 ? 0 : (double) e.getValue() / total))
                .toList();
        if (shares.isEmpty()) {
            return new Distribution(key, shares, unlabelled, 0, 0);
        }
        long max = shares.stream().mapToLong(Share::count).max().orElseThrow();
        long min = shares.stream().mapToLong(Share::count).min().orElseThrow();
        double mean = (double) total / shares.size();
        double variance = shares.stream().mapToDouble(s -> (s.count() - mean) * (s.count() - mean)).sum() / shares.size();
        return new Distribution(key, shares, unlabelled, (double) max / min, Math.sqrt(variance) / mean);
    }
}
