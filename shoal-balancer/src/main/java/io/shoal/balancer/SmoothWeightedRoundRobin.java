package io.shoal.balancer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * nginx's smooth weighted round robin ({@code ngx_http_upstream_get_peer} in
 * {@code ngx_http_upstream_round_robin.c}): weights 5, 1, 1 give {@code a a b a c a a}, spreading the
 * heavy target's turns instead of sending them in a burst. With equal weights it is plain rotation, so
 * this one class serves both {@code round_robin} and weighted round robin.
 *
 * <p>nginx updates every peer's {@code current_weight} under the upstream lock on each pick. Here the
 * whole period (weights divided by their gcd, so {@code sum(weight / gcd)} picks) is computed once at
 * construction into an {@code int[]} of target indexes, and a pick takes the next position from an
 * {@link AtomicLong}: no lock, no allocation, and concurrent picks still consume each position exactly
 * once, so the split is exact over every whole period.
 *
 * <p>A target that is unavailable or excluded is skipped by moving on along the sequence; the skipped
 * positions are consumed too, so the remaining targets share its turns in proportion to their weights.
 * Construction costs {@code O(period * targets)}; a period above {@link #MAX_PERIOD} is rejected.
 *
 * <p>Thread-safe: immutable apart from the position counter.
 */
public final class SmoothWeightedRoundRobin<T extends Target> implements LoadBalancer<T> {

    /** Largest period accepted (a 4 MiB schedule): enough for 1,048 targets of any weights up to 1,000. */
    public static final int MAX_PERIOD = 1 << 20;

    private final List<T> targets;
    private final int[] schedule;
    private final AtomicLong position = new AtomicLong();

    public SmoothWeightedRoundRobin(List<T> targets) {
        this.targets = List.copyOf(targets);
        this.schedule = schedule(Targets.weights(this.targets));
    }

    @Override
    public T pick(PickContext context) {
        int period = schedule.length;
        if (period == 0) {
            return null;
        }
        long nowNanos = context.nowNanos();
        int n = targets.size();
        int pos = (int) (position.getAndIncrement() % period);
        for (int step = 0; step < period; step++) {
            T target = targets.get(schedule[pos]);
            if (Targets.usable(target, context, nowNanos)) {
                if (step > 0) {
                    position.getAndAdd(step);
                }
                return target;
            }
            if (step + 1 == n && !Targets.anyUsable(targets, context, nowNanos)) {
                return null;
            }
            if (++pos == period) {
                pos = 0;
            }
        }
        return null;
    }

    @Override
    public List<T> targets() {
        return targets;
    }

    /**
     * One full period of nginx's smooth weighted round robin, as indexes into {@code weights}: each step
     * adds every weight to its target's current weight, takes the largest (the first on ties) and
     * subtracts the total from it.
     */
    static int[] schedule(int[] weights) {
        int n = weights.length;
        int gcd = 0;
        for (int weight : weights) {
            gcd = gcd(gcd, weight);
        }
        long period = 0;
        for (int weight : weights) {
            period += weight / gcd;
        }
        if (period > MAX_PERIOD) {
            throw new IllegalArgumentException("round-robin period " + period + " exceeds " + MAX_PERIOD
                    + "; use smaller weights or weights with a common divisor");
        }
        int[] schedule = new int[(int) period];
        if (period == n) {
            for (int i = 0; i < n; i++) {
                schedule[i] = i;
            }
            return schedule;
        }
        int[] current = new int[n];
        for (int step = 0; step < schedule.length; step++) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                current[i] += weights[i] / gcd;
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= (int) period;
            schedule[step] = best;
        }
        return schedule;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
