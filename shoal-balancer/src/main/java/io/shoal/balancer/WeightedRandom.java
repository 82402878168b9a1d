package io.shoal.balancer;

import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * Weighted random choice: each target with probability {@code weight / total}. Stateless between picks,
 * so it needs no coordination at all between event loops.
 *
 * <p>When the drawn target is unavailable or excluded, a second draw is made over the usable targets
 * only (two passes over the list). Together the two draws give every usable target exactly
 * {@code weight / usableWeight}: {@code w/W + (D/W)(w/A) = w/A} where {@code D = W - A} is the weight left out.
 *
 * <p>Thread-safe: immutable; a pick takes no lock and allocates nothing.
 */
public final class WeightedRandom<T extends Target> implements LoadBalancer<T> {

    private final List<T> targets;
    private final int[] weights;
    private final WeightedSampler sampler;
    private final IntUnaryOperator random;

    public WeightedRandom(List<T> targets) {
        this(targets, WeightedSampler.THREAD_LOCAL_RANDOM);
    }

    /**
     * With a given random source, for deterministic tests and simulations.
     *
     * @param random maps a bound to a value in {@code [0, bound)}, e.g. {@code new SplittableRandom(seed)::nextInt};
     *     called concurrently when the balancer is shared
     */
    public WeightedRandom(List<T> targets, IntUnaryOperator random) {
        this.targets = List.copyOf(targets);
        this.weights = Targets.weights(this.targets);
        this.sampler = new WeightedSampler(weights);
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public T pick(PickContext context) {
        int n = targets.size();
        if (n == 0) {
            return null;
        }
        long nowNanos = context.nowNanos();
        T drawn = targets.get(sampler.draw(random));
        if (Targets.usable(drawn, context, nowNanos)) {
            return drawn;
        }
        long usableWeight = 0;
        for (int i = 0; i < n; i++) {
            if (Targets.usable(targets.get(i), context, nowNanos)) {
                usableWeight += weights[i];
            }
        }
        if (usableWeight == 0) {
            return null;
        }
        int r = random.applyAsInt((int) usableWeight);
        T last = null;
        for (int i = 0; i < n; i++) {
            T target = targets.get(i);
            if (Targets.usable(target, context, nowNanos)) {
                last = target;
                r -= weights[i];
                if (r < 0) {
                    return target;
                }
            }
        }
        return last; // a target went out of rotation between the two passes
    }

    @Override
    public List<T> targets() {
        return targets;
    }
}
