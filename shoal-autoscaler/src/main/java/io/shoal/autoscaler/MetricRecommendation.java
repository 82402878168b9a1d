package io.shoal.autoscaler;

/**
 * What one metric says, with the figures behind it, for the decision record.
 *
 * @param value the average per ready replica (or the service figure) that was compared with the target
 * @param replicas replicas this metric asks for, or -1 when it could not be computed (no figures)
 * @param note how missing or not-ready replicas were counted, or why the metric abstained
 */
public record MetricRecommendation(Metric metric, double value, double target, int replicas, String note) {}
