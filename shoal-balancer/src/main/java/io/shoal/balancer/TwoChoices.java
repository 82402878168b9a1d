package io.shoal.balancer;

import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * The power-of-two-choices step shared by {@link PowerOfTwoChoices} and {@link PeakEwmaBalancer}: draw two
 * distinct targets, keep the one with the lower cost per unit of weight. Mitzenmacher, "The Power of Two
 * Choices in Randomized Load Balancing" (2001): the most loaded of n targets then exceeds the mean by
 * {@code O(log log n)} instead of {@code O(log n / log log n)} for one random choice, while every pick
 * reads only two targets' live figures.
 *
 * <p>The two are drawn by weight (uniformly when weights are equal), so that weights still hold when
 * every target is idle and costs tie; ties go to the first draw. A pair with one usable target yields that
 * one; after {@value #MAX_DRAWS} pairs with none, a full pass takes the cheapest usable target, so that
 * a pick fails only when no target is usable.
 *
 * <p>Thread-safe: immutable; a pick takes no lock and allocates nothing.
 */
final class TwoChoices<T extends Target> {

    /** Cost of sending one more request to a target; compared per unit of weight. */
    interface Cost {
        double of(Target target, long nowNanos);
    }

    static final int MAX_DRAWS = 3;

    private final List<T> targets;
    private final int[] weights;
    private final WeightedSampler sampler;
    private final IntUnaryOperator random;
    private final Cost cost;

    TwoChoices(List<T> targets, IntUnaryOperator random, Cost cost) {
        this.targets = List.copyOf(targets);
        this.weights = Targets.weights(this.targets);
        this.sampler = new WeightedSampler(weights);
        this.random = Objects.requireNonNull(random, "random");
        this.cost = Objects.requireNonNull(cost, "cost");
    }

    List<T> targets() {
        return targets;
    }

    T pick(PickContext context) {
        int n = targets.size();
        if (n == 0) {
            return null;
        }
        long nowNanos = context.nowNanos();
        if (n == 1) {
            T only = targets.get(0);
            return Targets.usable(only, context, nowNanos) ? only : null;
        }
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            int i = sampler.draw(random);
            int j = sampler.drawOther(random, i);
            T a = targets.get(i);
            T b = targets.get(j);
            boolean usableA = Targets.usable(a, context, nowNanos);
            boolean usableB = Targets.usable(b, context, nowNanos);
            if (usableA && usableB) {
                return cheaper(b, j, a, i, nowNanos) ? b : a;
            }
            if (usableA) {
                return a;
            }
            if (usableB) {
                return b;
            }
        }
        return cheapestUsable(context, nowNanos);
    }

    /** {@code cost(a) / weight(a) < cost(b) / weight(b)}, cross-multiplied. */
    private boolean cheaper(T a, int i, T b, int j, long nowNanos) {
        return cost.of(a, nowNanos) * weights[j] < cost.of(b, nowNanos) * weights[i];
    }

    private T cheapestUsable(PickContext context, long nowNanos) {
        T best = null;
        double bestCost = 0;
        int bestWeight = 1;
        for (int i = 0, n = targets.size(); i < n; i++) {
            T target = targets.get(i);
            if (!Targets.usable(target, context, nowNanos)) {
                continue;
            }
            double c = cost.of(target, nowNanos);
            if (best == null || c * bestWeight < bestCost * weights[i]) {
                best = target;
                bestCost = c;
                bestWeight = weights[i];
            }
        }
        return best;
    }
}
