package io.shoal.demo;

import java.util.concurrent.TimeUnit;

/** The two kinds of simulated work: burning CPU (contends for cores) and waiting (holds a worker, not a core). */
final class Load {
    private Load() {}

    /**
     * Spins on real floating-point arithmetic until {@code millis} of wall time have passed on {@link System#nanoTime};
     * returns the accumulated value so the JIT cannot drop the loop.
     */
    static double burnCpu(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        double acc = 0;
        long x = 0x9E3779B97F4A7C15L;
        do {
            for (int i = 0; i < 2_000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                acc += Math.sqrt((x >>> 11) * 0x1.0p-53) * 1.000001;
            }
        } while (System.nanoTime() - deadline < 0);
        return acc;
    }

    /** Sleeps {@code millis}, like a call to a slow database; the worker thread stays taken meanwhile. */
    static void waitFor(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
