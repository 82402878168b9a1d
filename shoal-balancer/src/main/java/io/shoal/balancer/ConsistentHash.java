package io.shoal.balancer;

import java.util.Arrays;
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
    /** Low bits of a ring point that hold its owner's rank: room for 2^20 targets. */
    private static final long RANK_MASK = (1L << 20) - 1;

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
        long[] keyHashes = keyHashes(this.targets, nodeKey);
        int[] byKeyHash = orderOfKeyHashes(keyHashes);
        // Each point is packed with its owner's rank by key hash in the low bits, so that one primitive
        // sort orders the ring, and points that collide in their high bits are ordered by the owners' key
        // hashes, never by list order.
        long[] packed = new long[count];
        int k = 0;
        for (int rank = 0; rank < byKeyHash.length; rank++) {
            int i = byKeyHash[rank];
            for (int j = 1, n = weights[i] * perWeight; j <= n; j++) {
                long point = Hashing.mix64(keyHashes[i] + j * 0x9E3779B97F4A7C15L); // SplitMix64 stream
                packed[k++] = point & ~RANK_MASK | rank;
            }
        }
        Arrays.sort(packed);
        this.points = packed;
        this.owners = new int[count];
        for (int p = 0; p < count; p++) {
            owners[p] = byKeyHash[(int) (packed[p] & RANK_MASK)];
        }
    }

    private static <T> long[] keyHashes(List<T> targets, Function<? super T, ? extends CharSequence> nodeKey) {
        long[] hashes = new long[targets.size()];
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < hashes.length; i++) {
            String key = nodeKey.apply(targets.get(i)).toString();
            if (!keys.add(key)) {
                throw new IllegalArgumentException("two targets have the node key " + key);
            }
            hashes[i] = Hashing.hash(key);
        }
        return hashes;
    }

    /** Target indexes in the order of their key hashes (ties, which need 64-bit collisions, by index). */
    private static int[] orderOfKeyHashes(long[] keyHashes) {
        if (keyHashes.length > RANK_MASK + 1) {
            throw new IllegalArgumentException("a ring holds at most " + (RANK_MASK + 1) + " targets");
        }
        return java.util.stream.IntStream.range(0, keyHashes.length).boxed()
                .sorted(java.util.Comparator.<Integer>comparingLong(i -> keyHashes[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
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
