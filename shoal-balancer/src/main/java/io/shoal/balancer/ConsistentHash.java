package io.shoal.balancer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Consistent hashing on a ring of virtual nodes, as in libketama and nginx's {@code hash ... consistent}
 * ({@code ngx_http_upstream_hash_module.c}): each target owns {@value #POINTS_PER_WEIGHT} points per unit
 * of weight, placed by hashing its node key (its address, {@code host:port}); a request goes to the owner
 * of the first point at or after the hash of its key, wrapping around. Removing one of n targets moves
 * only the keys it owned (about 1/n); keys on the other targets stay where they were, and so do their
 * caches and sessions. Used for both {@code hash} and {@code ip_hash}.
 *
 * <p>Points depend only on each target's own key and weight, not on list order or the other targets.
 * When the total weight is above {@code MAX_POINTS / POINTS_PER_WEIGHT} (1024) fewer points per unit
 * of weight are used, so that the ring stays within {@value #MAX_POINTS} points (about 2 MB).
 *
 * <p>If the owner is unavailable or excluded, the walk goes on around the ring to the next distinct
 * target (as nginx does), so a key's fallback is itself stable. {@link PickContext#keyHash()} is passed
 * through {@link Hashing#mix64} first, so that a raw value (an IPv4 address as a number) spreads too.
 *
 * <p>Thread-safe: immutable; a pick is a binary search over a sorted {@code long[]}, no lock, no allocation.
 */
public final class ConsistentHash<T extends Target> implements LoadBalancer<T> {

    /** As in nginx and libketama: 160 points per unit of weight. */
    public static final int POINTS_PER_WEIGHT = 160;
    public static final int MAX_POINTS = POINTS_PER_WEIGHT * 1024;

    private final List<T> targets;
    private final long[] points;
    private final int[] owners;

    /**
     * @param nodeKey a target's stable, unique identity on the ring, such as its {@code host:port}; the
     *     same target must give the same key in every snapshot, or its keys move
     */
    public ConsistentHash(List<T> targets, Function<? super T, ? extends CharSequence> nodeKey) {
        this.targets = List.copyOf(targets);
        int[] weights = Targets.weights(this.targets);
        long totalWeight = Targets.total(weights);
        int perWeight = (int) Math.max(1, Math.min(POINTS_PER_WEIGHT, MAX_POINTS / Math.max(1, totalWeight)));
        int count = Math.toIntExact(totalWeight * perWeight);
        long[] rawPoints = new long[count];
        int[] rawOwners = new int[count];
        long[] keyHashes = new long[weights.length];
        Set<String> keys = new HashSet<>();
        int k = 0;
        for (int i = 0; i < weights.length; i++) {
            String key = nodeKey.apply(this.targets.get(i)).toString();
            if (!keys.add(key)) {
                throw new IllegalArgumentException("two targets have the node key " + key);
            }
            keyHashes[i] = Hashing.hash(key);
            for (int j = 1, n = weights[i] * perWeight; j <= n; j++) {
                rawPoints[k] = Hashing.mix64(keyHashes[i] + j * 0x9E3779B97F4A7C15L); // SplitMix64 stream
                rawOwners[k++] = i;
            }
        }
        Integer[] order = new Integer[count];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> rawPoints[i])
                .thenComparingLong(i -> keyHashes[rawOwners[i]]));
        this.points = new long[count];
        this.owners = new int[count];
        for (int i = 0; i < count; i++) {
            points[i] = rawPoints[order[i]];
            owners[i] = rawOwners[order[i]];
        }
    }

    @Override
    public T pick(PickContext context) {
        int length = points.length;
        if (length == 0) {
            return null;
        }
        long nowNanos = context.nowNanos();
        int found = Arrays.binarySearch(points, Hashing.mix64(context.keyHash()));
        int index = found >= 0 ? found : -found - 1;
        if (index == length) {
            index = 0;
        }
        int rejected = owners[index];
        T target = targets.get(rejected);
        if (Targets.usable(target, context, nowNanos)) {
            return target;
        }
        if (!Targets.anyUsable(targets, context, nowNanos)) {
            return null;
        }
        for (int step = 1; step < length; step++) {
            if (++index == length) {
                index = 0;
            }
            int owner = owners[index];
            if (owner != rejected) {
                target = targets.get(owner);
                if (Targets.usable(target, context, nowNanos)) {
                    return target;
                }
                rejected = owner;
            }
        }
        return null;
    }

    @Override
    public List<T> targets() {
        return targets;
    }

    /** Ring size, for tests and diagnostics. */
    int pointCount() {
        return points.length;
    }
}
