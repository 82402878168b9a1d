package io.shoal.autoscaler;

/** A metric and the value per replica (or for the service) the autoscaler steers it to. */
public record MetricTarget(Metric metric, double target) {

    public MetricTarget {
        if (!(target > 0)) {
            throw new IllegalArgumentException("target must be positive: " + target);
        }
    }
}
