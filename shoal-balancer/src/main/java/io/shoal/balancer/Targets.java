package io.shoal.balancer;

import java.util.List;

/** Checks the balancers share. Construction-time helpers validate; pick-time helpers allocate nothing. */
final class Targets {

    private Targets() {}

    /** Snapshots the weights, so that a pick reads an {@code int[]} rather than calling {@link Target#weight()}. */
    static int[] weights(List<? extends Target> targets) {
        int[] weights = new int[targets.size()];
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            Target target = targets.get(i);
            int weight = target.weight();
            if (weight < 1) {
                throw new IllegalArgumentException("weight must be at least 1, got " + weight + " for " + target);
            }
            weights[i] = weight;
            total += weight;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("total weight " + total + " does not fit in an int");
        }
        return weights;
    }

    static int total(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        return total;
    }

    /** Whether this request may go to {@code target} now. */
    static boolean usable(Target target, PickContext context, long nowNanos) {
        return target.isAvailable(nowNanos) && !context.isExcluded(target);
    }

    /** One pass over the targets, so that a caller can give up early instead of walking a long sequence in vain. */
    static boolean anyUsable(List<? extends Target> targets, PickContext context, long nowNanos) {
        for (int i = 0, n = targets.size(); i < n; i++) {
            if (usable(targets.get(i), context, nowNanos)) {
                return true;
            }
        }
        return false;
    }
}
