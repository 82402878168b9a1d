package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measures the bytes the calling thread allocates over many picks (HotSpot's per-thread counter). One
 * small object per pick would show as megabytes; the bound leaves room only for JVM noise.
 */
class AllocationFreeTest {

    private static final int OPERATIONS = 200_000;
    private static final long MAX_BYTES = 8 * 1024;

    private static volatile Object sink;
    private static volatile double doubleSink;

    static Stream<Arguments> balancers() {
        return LoadBalancersTest.factories().map(arguments -> Arguments.of(arguments.get()[0], arguments.get()[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("balancers")
    void pickAllocatesNothing(String name, Function<List<TestTarget>, LoadBalancer<TestTarget>> factory) {
        List<TestTarget> targets = TestTarget.weighted(5, 1, 3, 2, 4, 1, 1, 2);
        targets.get(0).available(false); // exercise the skipping paths too
        targets.get(5).available(false);
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).inFlight(i % 3).latency(i * 1e6);
        }
        LoadBalancer<TestTarget> balancer = factory.apply(targets);
        TestContext context = new TestContext().exclude(targets.get(2));
        assertThat(allocatedBytes(() -> {
            for (int i = 0; i < OPERATIONS; i++) {
                context.keyHash = i * 0x9E3779B97F4A7C15L;
                sink = balancer.pick(context);
            }
        })).isLessThan(MAX_BYTES);
    }

    @Test
    void hashingAndPeakEwmaAllocateNothing() {
        String key = "/api/v1/items/12345?user=alice";
        byte[] address = {(byte) 192, (byte) 168, 1, 77};
        PeakEwma ewma = new PeakEwma();
        assertThat(allocatedBytes(() -> {
            long h = 0;
            for (int i = 0; i < OPERATIONS; i++) {
                h += Hashing.hash(key) + Hashing.hash(key, 5, 20) + Hashing.hash(address) + Hashing.mix64(i);
                ewma.observe(i % 1000, i * 1000L);
                doubleSink = ewma.value(i * 1000L);
            }
            sink = h == 42 ? "" : null;
        })).isLessThan(MAX_BYTES);
    }

    @Test
    void measurementSeesAllocation() {
        assertThat(allocatedBytes(() -> {
            for (int i = 0; i < OPERATIONS; i++) {
                sink = new long[] {i};
            }
        })).isGreaterThan(OPERATIONS * 16L);
    }

    /** Bytes allocated by this thread in a second run of {@code work}, after a first run warmed it up. */
    private static long allocatedBytes(Runnable work) {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter is off");
        work.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
