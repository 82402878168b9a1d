package io.shoal.balancer;

import java.util.List;
import java.util.function.Function;

/**
 * Factories for every balancing algorithm, by the names users configure. Each returns an immutable
 * snapshot over a copy of {@code targets}: build a new one when membership or weights change. An empty
 * list is allowed; its {@code pick} returns {@code null}. Weights below 1 are rejected.
 */
public final class LoadBalancers {

    private LoadBalancers() {}

    /** {@code round_robin}, weighted or not: nginx's smooth weighted round robin. */
    public static <T extends Target> LoadBalancer<T> roundRobin(List<T> targets) {
        return new SmoothWeightedRoundRobin<>(targets);
    }

    /** {@code least_conn}: fewest in flight per unit of weight; ties by weighted round robin. */
    public static <T extends Target> LoadBalancer<T> leastConn(List<T> targets) {
        return new LeastConnections<>(targets);
    }

    /**
     * {@code hash} and {@code ip_hash}: a ketama ring keyed by each target's {@code toString()}, which must
     * be its stable, unique address such as {@code host:port}. Otherwise use {@link #consistentHash(List, Function)}.
     */
    public static <T extends Target> LoadBalancer<T> consistentHash(List<T> targets) {
        return new ConsistentHash<>(targets, Object::toString);
    }

    /** {@code hash} and {@code ip_hash}, with each target's identity on the ring given by {@code nodeKey}. */
    public static <T extends Target> LoadBalancer<T> consistentHash(
            List<T> targets, Function<? super T, ? extends CharSequence> nodeKey) {
        return new ConsistentHash<>(targets, nodeKey);
    }

    /** {@code random}: weighted random. */
    public static <T extends Target> LoadBalancer<T> random(List<T> targets) {
        return new WeightedRandom<>(targets);
    }

    /** {@code p2c}: power of two choices on requests in flight. */
    public static <T extends Target> LoadBalancer<T> p2c(List<T> targets) {
        return new PowerOfTwoChoices<>(targets);
    }

    /** {@code ewma}: power of two choices on peak-EWMA latency times load (Finagle, Linkerd). */
    public static <T extends Target> LoadBalancer<T> ewma(List<T> targets) {
        return new PeakEwmaBalancer<>(targets);
    }

    /** nginx's {@code backup}: the backup balancer is asked only when the primary has nothing to give. */
    public static <T extends Target> LoadBalancer<T> withBackups(LoadBalancer<T> primary, LoadBalancer<T> backup) {
        return new WithBackups<>(primary, backup);
    }
}
