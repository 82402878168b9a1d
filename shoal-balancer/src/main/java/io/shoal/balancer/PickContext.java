package io.shoal.balancer;

/**
 * What an algorithm may know about the request it places. The proxy implements this on its
 * per-request state so that a pick allocates nothing.
 */
public interface PickContext {

    /**
     * Hash of the request key (client address for ip_hash, the configured key for hash); 0 if none.
     * Compute it with {@link Hashing}, e.g. {@code Hashing.hash(addressBytes)}, so that it is well mixed.
     */
    long keyHash();

    /** Monotonic time of the pick, as {@link System#nanoTime()}. */
    long nowNanos();

    /** True for targets this request already tried, so that a retry goes elsewhere. */
    boolean isExcluded(Target target);
}
