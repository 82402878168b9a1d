package io.shoal.balancer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Least connections as nginx's {@code least_conn} does it ({@code ngx_http_upstream_least_conn_module.c}):
 * the target with the fewest requests in flight relative to its weight, compared by cross-multiplication
 * ({@code a.inFlight * b.weight < b.inFlight * a.weight}) so that no division rounds two loads together.
 *
 * <p>Ties are common (every idle target has load 0), and nginx breaks them by weighted round robin among
 * the tied targets. So does this class: it walks the same precomputed smooth weighted round-robin schedule
 * as {@link SmoothWeightedRoundRobin} and takes the first tied target; idle targets of equal weight thus
 * take turns {@code a b c a b c}, and at low load the weights still hold.
 *
 * <p>Thread-safe: immutable apart from the tie-break position; a pick takes no lock and allocates nothing.
 * Loads are read live, so two picks racing may both choose the same target, as in nginx across workers.
 */
public final class LeastConnections<T extends Target> implements LoadBalancer<T> {

    private final List<T> targets;
    private final int[] weights;
    private final int[] schedule;
    private final AtomicLong position = new AtomicLong();

    public LeastConnections(List<T> targets) {
        this.targets = List.copyOf(targets);
        this.weights = Targets.weights(this.targets);
        this.schedule = SmoothWeightedRoundRobin.schedule(weights);
    }

    @Override
    public T pick(PickContext context) {
        long nowNanos = context.nowNanos();
        int best = -1;
        long bestInFlight = 0;
        long bestWeight = 1;
        int ties = 0;
        for (int i = 0, n = targets.size(); i < n; i++) {
            T target = targets.get(i);
            if (!Targets.usable(target, context, nowNanos)) {
                continue;
            }
            long inFlight = target.inFlight();
            long lhs = inFlight * bestWeight;
            long rhs = bestInFlight * weights[i];
            if (best < 0 || lhs < rhs) {
                best = i;
                bestInFlight = inFlight;
                bestWeight = weights[i];
                ties = 1;
            } else if (lhs == rhs) {
                ties++;
            }
        }
        if (ties <= 1) {
            return best < 0 ? null : targets.get(best);
        }
        return breakTie(context, nowNanos, bestInFlight, bestWeight, best);
    }

    /** The next target along the weighted round-robin schedule whose load is (still) the least. */
    private T breakTie(PickContext context, long nowNanos, long bestInFlight, long bestWeight, int fallback) {
        int period = schedule.length;
        int pos = (int) (position.getAndIncrement() % period);
        for (int step = 0; step < period; step++) {
            int i = schedule[pos];
            T target = targets.get(i);
            if (target.inFlight() * bestWeight <= bestInFlight * weights[i]
                    && Targets.usable(target, context, nowNanos)) {
                if (step > 0) {
                    position.getAndAdd(step);
                }
                return target;
            }
            if (++pos == period) {
                pos = 0;
            }
        }
        return targets.get(fallback);
    }

    @Override
    public List<T> targets() {
        return targets;
    }
}
