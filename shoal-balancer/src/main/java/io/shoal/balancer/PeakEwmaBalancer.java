package io.shoal.balancer;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Finagle's and Linkerd's least-loaded balancer: power of two choices ({@link TwoChoices}) where the cost
 * of a target is its peak-EWMA latency times the requests it would then have in flight,
 * {@code latencyEwmaNanos * (inFlight + 1)}, per unit of weight. A slow or queueing target is avoided as
 * soon as one slow response is seen ({@link PeakEwma}), and tried again as its estimate decays.
 *
 * <p>A target with no latency estimate (0) is handled as Finagle's {@code PeakEwma.Metric.get} does: while
 * idle its cost is 0, so a new target is tried at once; while it has requests in flight but still no
 * response its cost is {@value #PENALTY} + inFlight, so only one probe at a time goes to a target that
 * may be hanging, until its first response gives it a real estimate.
 *
 * <p>Thread-safe: immutable; a pick takes no lock and allocates nothing.
 */
public final class PeakEwmaBalancer<T extends Target> implements LoadBalancer<T> {

    /** Finagle's penalty, {@code Long.MaxValue >> 16} nanoseconds (about 39 hours): above any real cost. */
    public static final double PENALTY = Long.MAX_VALUE >> 16;

    private static final TwoChoices.Cost LATENCY_TIMES_LOAD = PeakEwmaBalancer::cost;

    private final TwoChoices<T> choices;

    public PeakEwmaBalancer(List<T> targets) {
        this(targets, WeightedSampler.THREAD_LOCAL_RANDOM);
    }

    /**
     * With a given random source, for deterministic tests and simulations.
     *
     * @param random maps a bound to a value in {@code [0, bound)}, e.g. {@code new SplittableRandom(seed)::nextInt};
     *     called concurrently when the balancer is shared
     */
    public PeakEwmaBalancer(List<T> targets, IntUnaryOperator random) {
        this.choices = new TwoChoices<>(targets, random, LATENCY_TIMES_LOAD);
    }

    /** The cost compared between the two candidates (before dividing by weight). */
    static double cost(Target target, long nowNanos) {
        int inFlight = target.inFlight();
        double latency = target.latencyEwmaNanos(nowNanos);
        if (latency <= 0) {
            return inFlight <= 0 ? 0 : PENALTY + inFlight;
        }
        return latency * (inFlight + 1.0);
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
