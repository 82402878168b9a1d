package io.shoal.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark threads per operation, as the secondary result {@code cpu.time.per.op}:
 * {@code -prof io.shoal.benchmarks.CpuTimeProfiler}.
 *
 * <p>Why: JMH's score is wall-clock time, which on a machine shared with other jobs also counts the
 * time the benchmark thread waited for a CPU (with 2 cores and 12 runnable threads, several times the
 * real cost). The thread's own CPU time leaves that wait out; what remains of the interference is cache
 * and branch-predictor pollution. Sums {@link ThreadMXBean#getThreadCpuTime} over the threads JMH names
 * {@code *-jmh-worker-*}, from before an iteration to after it, divided by the operations it measured.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuBefore = new HashMap<>();

    @Override
    public String getDescription() {
        return "CPU time of the jmh-worker threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore.clear();
        cpuBefore.putAll(workerCpuNanos());
    }

    @Override
    public List<ScalarResult> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpu = 0;
        for (Map.Entry<Long, Long> worker : workerCpuNanos().entrySet()) {
            cpu += worker.getValue() - cpuBefore.getOrDefault(worker.getKey(), 0L);
        }
        long ops = result.getMetadata().getMeasuredOps();
        if (ops <= 0 || cpu <= 0) {
            return List.of();
        }
        double perOp = (double) cpu / ops;
        String unit = "ns/op";
        switch (benchmarkParams.getTimeUnit()) {
            case MICROSECONDS: perOp /= 1_000; unit = "us/op"; break;
            case MILLISECONDS: perOp /= 1_000_000; unit = "ms/op"; break;
            default: break;
        }
        return List.of(new ScalarResult("cpu.time.per.op", perOp, unit, AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerCpuNanos() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
