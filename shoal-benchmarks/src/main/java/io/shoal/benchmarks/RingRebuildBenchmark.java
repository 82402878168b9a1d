package io.shoal.benchmarks;

import io.shoal.balancer.ConsistentHash;
import io.shoal.balancer.LoadBalancer;
import io.shoal.balancer.LoadBalancers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building a consistent-hash ring, paid on every membership, weight or health change of a {@code hash} or
 * {@code ip_hash} service: {@value ConsistentHash#POINTS_PER_WEIGHT} points per unit of weight (weights
 * 1-5, so about 480 points per target), sorted. For comparison, a round-robin snapshot over the same targets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RingRebuildBenchmark {

    @Param({"3", "30", "300"})
    public int targets;

    private List<BenchTarget> list;

    @Setup
    public void setUp() {
        list = Fixtures.targets(targets, true, System.nanoTime());
    }

    @Benchmark
    public LoadBalancer<BenchTarget> consistentHashRing() {
        return LoadBalancers.consistentHash(list);
    }

    @Benchmark
    public LoadBalancer<BenchTarget> roundRobinSchedule() {
        return LoadBalancers.roundRobin(list);
    }
}
