package io.shoal.bench.internal;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The latency percentile curve as HdrHistogram prints it (percentiles that halve the distance to 100 % in five
 * steps each), in milliseconds: the JSON report lists it, the HTML report plots it on a "number of nines" axis.
 */
public final class LatencyCurve {
    /** The percentiles every report names. */
    public static final double[] NAMED = {50, 90, 95, 99, 99.9};

    private LatencyCurve() {
    }

    /** One point: {@code percentile} of answers took at most {@code millis}. */
    public record Point(double percentile, double millis) {
    }

    public static List<Point> of(Histogram latency) {
        List<Point> points = new ArrayList<>();
        if (latency.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue v : latency.percentiles(5)) {
            points.add(new Point(v.getPercentileLevelIteratedTo(), latency.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0));
            if (v.getPercentileLevelIteratedTo() >= 100) {
                break;
            }
        }
        return points;
    }

    /** The name used for a percentile in reports: p50, p99.9. */
    public static String name(double percentile) {
        return percentile == Math.rint(percentile) ? "p" + (int) percentile : "p" + percentile;
    }
}
