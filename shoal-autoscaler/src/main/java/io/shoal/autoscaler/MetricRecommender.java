package io.shoal.autoscaler;

/**
 * The HPA's replica calculation for one metric ({@code replica_calculator.go}):
 * {@code desired = ceil(replicas x value / target)}, nothing when within the tolerance, and the
 * conservative treatment of replicas whose figures are missing or not trusted: when the figures say
 * scale up, they count as using nothing; when they say scale down, missing ones count as exactly at
 * target; and if that changes the direction, or lands within the tolerance, the count stays.
 */
final class MetricRecommender {
    private MetricRecommender() {}

    static MetricRecommendation recommend(MetricTarget target, ScalingInput input, double tolerance) {
        Metric metric = target.metric();
        if (!metric.perReplica()) {
            return service(target, input, tolerance);
        }
        double sum = 0;
        int trusted = 0;
        int missing = 0;
        int unready = 0;
        for (ReplicaFigures replica : input.replicas()) {
            if (replica.trusted(metric)) {
                sum += replica.values().get(metric);
                trusted++;
            } else if (replica.ready() && !(replica.initializing() && metric == Metric.CPU)) {
                missing++;
            } else {
                unready++;
            }
        }
        int current = input.currentReplicas();
        if (trusted == 0) {
            return new MetricRecommendation(metric, Double.NaN, target.target(), -1, "no figures from a ready replica");
        }
        double ratio = sum / trusted / target.target();
        if (missing == 0 && unready == 0) {
            int replicas = withinTolerance(ratio, tolerance) ? current : (int) Math.ceil(ratio * trusted);
            return new MetricRecommendation(metric, sum / trusted, target.target(), replicas, "");
        }
        // Replicas without figures: assume what would make the change smallest.
        double assumed = sum;
        if (ratio < 1) {
            assumed += missing * target.target();
        }
        int counted = trusted + missing + (ratio > 1 ? unready : 0);
        double newRatio = assumed / counted / target.target();
        String note = missing + " missing, " + unready + " not ready";
        if (withinTolerance(newRatio, tolerance) || (ratio > 1) != (newRatio > 1)) {
            return new MetricRecommendation(metric, sum / trusted, target.target(), current, note + ": holds");
        }
        int replicas = (int) Math.ceil(newRatio * counted);
        if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current)) {
            replicas = current;
        }
        return new MetricRecommendation(metric, sum / trusted, target.target(), replicas, note);
    }

    private static MetricRecommendation service(MetricTarget target, ScalingInput input, double tolerance) {
        Double value = input.service().get(target.metric());
        if (value == null) {
            return new MetricRecommendation(target.metric(), Double.NaN, target.target(), -1, "no figure");
        }
        int ready = (int) input.replicas().stream().filter(ReplicaFigures::ready).count();
        double ratio = value / target.target();
        int base = Math.max(ready, 1);
        int replicas = withinTolerance(ratio, tolerance) ? input.currentReplicas() : (int) Math.ceil(ratio * base);
        return new MetricRecommendation(target.metric(), value, target.target(), replicas, "");
    }

    private static boolean withinTolerance(double ratio, double tolerance) {
        return Math.abs(ratio - 1) <= tolerance;
    }
}
