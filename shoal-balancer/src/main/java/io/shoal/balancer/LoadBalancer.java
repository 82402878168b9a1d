package io.shoal.balancer;

import java.util.List;

/**
 * Chooses a target for each request. Instances are immutable snapshots over a fixed target list:
 * when membership or weights change, build a new one and swap it in.
 *
 * <p>{@link #pick} is called concurrently from every event loop; it takes no lock and allocates nothing.
 */
public interface LoadBalancer<T extends Target> {

    /** Returns an available, non-excluded target, or {@code null} when there is none. */
    T pick(PickContext context);

    /** The targets this balancer chooses from, in configuration order. */
    List<T> targets();
}
