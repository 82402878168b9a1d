package io.shoal.benchmarks;

import io.shoal.balancer.PickContext;
import io.shoal.balancer.Target;

/**
 * A reusable {@link PickContext}, as the proxy implements it on its per-request state: a pick allocates
 * nothing. Each {@link #next()} moves to the next of a fixed set of key hashes, so that consistent
 * hashing searches the ring for different keys rather than one the branch predictor has learnt.
 *
 * <p>Confined to one benchmark thread.
 */
final class BenchPickContext implements PickContext {
    private final long[] keyHashes;
    private final long nowNanos;
    private int index;
    private Target excluded;

    /** @param keyHashes a power-of-two number of key hashes */
    BenchPickContext(long[] keyHashes, long nowNanos) {
        if (Integer.bitCount(keyHashes.length) != 1) {
            throw new IllegalArgumentException("need a power-of-two number of keys, got " + keyHashes.length);
        }
        this.keyHashes = keyHashes.clone();
        this.nowNanos = nowNanos;
    }

    /** Starts the next request: another key, nothing excluded. */
    BenchPickContext next() {
        index = (index + 1) & (keyHashes.length - 1);
        excluded = null;
        return this;
    }

    @Override
    public long keyHash() {
        return keyHashes[index];
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    @Override
    public boolean isExcluded(Target target) {
        return target == excluded;
    }
}
