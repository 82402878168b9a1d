package io.shoal.topology;

import io.shoal.balancer.PickContext;
import io.shoal.balancer.Target;
import java.util.Arrays;
import java.util.List;

/** What a service's balancer picks, for tests that assert shares as exact counts. */
final class Picks {
    /** A request that tried nothing yet, picked now. */
    private static final PickContext NOW = new PickContext() {
        @Override
        public long keyHash() {
            return 0;
        }

        @Override
        public long nowNanos() {
            return System.nanoTime();
        }

        @Override
        public boolean isExcluded(Target target) {
            return false;
        }
    };

    private Picks() {}

    /** How many of {@code n} picks go to each server of {@code service} in the current snapshot, in order. */
    static List<Long> of(Topology topology, String service, int n) {
        Service current = topology.current().service(service);
        long[] counts = new long[current.servers().size()];
        for (int i = 0; i < n; i++) {
            counts[current.servers().indexOf(current.balancer().pick(NOW))]++;
        }
        return Arrays.stream(counts).boxed().toList();
    }
}
