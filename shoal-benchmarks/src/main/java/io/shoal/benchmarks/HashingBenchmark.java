package io.shoal.benchmarks;

import io.shoal.balancer.Hashing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The hash a request key costs before a consistent-hash pick: a typical URI ({@code hash:uri}) and an IPv4 address ({@code ip_hash}). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HashingBenchmark {

    /** Not final, so that the JIT cannot constant-fold the hash. */
    public String uri = Fixtures.TYPICAL_URI;
    public byte[] ipv4 = {(byte) 192, (byte) 168, 17, 42};

    @Benchmark
    public long hashUri() {
        return Hashing.hash(uri);
    }

    @Benchmark
    public long hashIpv4() {
        return Hashing.hash(ipv4);
    }
}
