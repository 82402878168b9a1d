package io.shoal.balancer;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Power of two choices on requests in flight (Mitzenmacher 2001; Envoy's and HAProxy's
 * {@code random(2)} least-request): two distinct targets drawn at random, the one with fewer requests in
 * flight per unit of weight wins. Nearly as even as {@link LeastConnections}, but a pick reads two
 * targets instead of all of them, and concurrent picks do not all converge on the same "least" target.
 * See {@link TwoChoices} for the draw and the fallbacks.
 *
 * <p>Thread-safe: immutable; a pick takes no lock and allocates nothing.
 */
public final class PowerOfTwoChoices<T extends Target> implements LoadBalancer<T> {

    private static final TwoChoices.Cost IN_FLIGHT = (target, nowNanos) -> target.inFlight();

    private final TwoChoices<T> choices;

    public PowerOfTwoChoices(List<T> targets) {
        this(targets, WeightedSampler.THREAD_LOCAL_RANDOM);
    }

    /**
     * With a given random source, for deterministic tests and simulations.
     *
     * @param random maps a bound to a value in {@code [0, bound)}, e.g. {@code new SplittableRandom(seed)::nextInt};
     *     called concurrently when the balancer is shared
     */
    public PowerOfTwoChoices(List<T> targets, IntUnaryOperator random) {
        this.choices = new TwoChoices<>(targets, random, IN_FLIGHT);
    }

    @Override
    public T pick(PickContext context) {
        return choices.pick(context);
    }

    @Override
    public List<T> targets() {
        return choices.targets();
    }
}
