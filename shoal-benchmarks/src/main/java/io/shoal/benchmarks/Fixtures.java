package io.shoal.benchmarks;

import io.shoal.balancer.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded inputs shared by the benchmarks, so that every run measures the same work. */
final class Fixtures {
    static final long SEED = 20261121L;

    /** A typical request URI for {@code hash:uri}: a REST path with a query, 50 chars. */
    static final String TYPICAL_URI = "/api/v1/customers/48213/orders?page=2&sort=created";

    private Fixtures() {}

    /**
     * {@code count} targets at 10.0.x.y:8080 with weight 1, or weights 1 to 5 when {@code weighted},
     * each with a random number of requests in flight (0-7) and a latency estimate (0.5-5 ms), so that
     * least_conn, p2c and ewma compare real, differing loads.
     */
    static List<BenchTarget> targets(int count, boolean weighted, long nowNanos) {
        SplittableRandom random = new SplittableRandom(SEED + count);
        List<BenchTarget> targets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String address = "10.0." + (i / 250) + "." + (i % 250 + 1) + ":8080";
            BenchTarget target = new BenchTarget(address, weighted ? 1 + random.nextInt(5) : 1);
            target.inFlight(random.nextInt(8));
            target.observe(500_000 + random.nextInt(4_500_000), nowNanos - 1_000_000);
            targets.add(target);
        }
        return targets;
    }

    /** {@code count} well-mixed key hashes, as {@link Hashing} gives for client addresses or URIs. */
    static long[] keyHashes(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        long[] hashes = new long[count];
        for (int i = 0; i < count; i++) {
            hashes[i] = Hashing.hash("/item/" + random.nextInt(1_000_000));
        }
        return hashes;
    }
}
