package io.shoal.balancer;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

/**
 * Draws target indexes with probability proportional to weight, by binary search over the running sums
 * of the weights ({@code O(log n)}, allocation-free). Immutable.
 *
 * <p>The random source is an {@link IntUnaryOperator} from a bound to a value in {@code [0, bound)}, such
 * as {@code new SplittableRandom(seed)::nextInt}; it is called from every event loop at once, so the
 * default is {@link #THREAD_LOCAL_RANDOM}.
 */
final class WeightedSampler {

    /** {@link ThreadLocalRandom}: uncontended and allocation-free; a non-capturing lambda is a singleton. */
    static final IntUnaryOperator THREAD_LOCAL_RANDOM = bound -> ThreadLocalRandom.current().nextInt(bound);

    private final int[] upper;

    /** @param weights each at least 1, summing to at most {@link Integer#MAX_VALUE} (see {@link Targets#weights}) */
    WeightedSampler(int[] weights) {
        upper = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            upper[i] = sum;
        }
    }

    int total() {
        return upper.length == 0 ? 0 : upper[upper.length - 1];
    }

    /** The index whose weight interval holds {@code r}, for {@code 0 <= r < total()}. */
    int indexOf(int r) {
        int found = Arrays.binarySearch(upper, r);
        return found >= 0 ? found + 1 : -found - 1;
    }

    int draw(IntUnaryOperator random) {
        return indexOf(random.applyAsInt(total()));
    }

    /** A second index, distinct from {@code first}, drawn by weight from the others; needs two targets or more. */
    int drawOther(IntUnaryOperator random, int first) {
        int lower = first == 0 ? 0 : upper[first - 1];
        int weight = upper[first] - lower;
        int r = random.applyAsInt(total() - weight);
        return indexOf(r >= lower ? r + weight : r);
    }
}
