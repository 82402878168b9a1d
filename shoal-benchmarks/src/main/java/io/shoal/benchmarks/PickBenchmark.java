package io.shoal.benchmarks;

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
 * One {@code pick()} of every balancing algorithm over 3, 30 and 300 weighted targets (weights 1-5, loads
 * 0-7 in flight, latencies 0.5-5 ms), all available, nothing excluded: the first attempt of a request.
 * Issue 3's target is well under 100 ns per pick.
 *
 * <p>{@code withBackups} is round robin over the primaries with three round-robin backups, primaries up;
 * {@code withBackupsFailover} is the same with every primary down, its worst case: the primary scans all
 * its targets before the backup is asked.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PickBenchmark {

    @Param({"roundRobin", "leastConn", "consistentHash", "random", "p2c", "ewma", "withBackups", "withBackupsFailover"})
    public String algorithm;

    @Param({"3", "30", "300"})
    public int targets;

    private LoadBalancer<BenchTarget> balancer;
    private BenchPickContext context;

    @Setup
    public void setUp() {
        long now = System.nanoTime();
        balancer = balancer(algorithm, Fixtures.targets(targets, true, now));
        context = new BenchPickContext(Fixtures.keyHashes(1024), now);
        if (balancer.pick(context.next()) == null) {
            throw new IllegalStateException(algorithm + " picked nothing");
        }
    }

    @Benchmark
    public BenchTarget pick() {
        return balancer.pick(context.next());
    }

    static LoadBalancer<BenchTarget> balancer(String algorithm, List<BenchTarget> targets) {
        switch (algorithm) {
            case "roundRobin": return LoadBalancers.roundRobin(targets);
            case "leastConn": return LoadBalancers.leastConn(targets);
            case "consistentHash": return LoadBalancers.consistentHash(targets);
            case "random": return LoadBalancers.random(targets);
            case "p2c": return LoadBalancers.p2c(targets);
            case "ewma": return LoadBalancers.ewma(targets);
            case "withBackups":
            case "withBackupsFailover": {
                List<BenchTarget> backups = List.of(
                        new BenchTarget("10.1.0.1:8080", 1), new BenchTarget("10.1.0.2:8080", 1),
                        new BenchTarget("10.1.0.3:8080", 1));
                if (algorithm.equals("withBackupsFailover")) {
                    targets.forEach(t -> t.available(false));
                }
                return LoadBalancers.withBackups(LoadBalancers.roundRobin(targets), LoadBalancers.roundRobin(backups));
            }
            default: throw new IllegalArgumentException("unknown algorithm " + algorithm);
        }
    }
}
