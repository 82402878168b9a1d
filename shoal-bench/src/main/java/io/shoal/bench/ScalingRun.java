package io.shoal.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Seed 001's "1 server -> 2 servers" comparison as one call: for each replica count, scale the service, wait until
 * it is ready, run the same plan, and compare throughput with perfect linear scaling. Efficiency is throughput /
 * (replicas x throughput per replica of the first step), so 1.0 is linear and the seeds' "85-95 %" reads 0.85-0.95.
 */
public final class ScalingRun {
    /** One replica count and what the plan measured against it. */
    public record Step(int replicas, BenchResult result, double efficiency) {
    }

    private ScalingRun() {
    }

    /**
     * Measures each count in turn, then puts the service back to the count it had before, as a benchmark should
     * leave what it measured: also when a step fails or the run is stopped (Ctrl-C, SIGTERM).
     */
    public static List<Step> run(ReplicaScaler scaler, String service, List<Integer> counts, LoadPlan plan,
                                 Duration readyTimeout, Consumer<Second> progress) throws Exception {
        int before = scaler.replicas(service);
        // Ctrl-C or SIGTERM ends the JVM without running the finally below: a hook puts the count back then.
        Thread restoreOnExit = new Thread(() -> scaleBackQuietly(scaler, service, before), "bench-scale-back");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        try {
            return measure(scaler, service, counts, plan, readyTimeout, progress);
        } finally {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            scaler.scale(service, before);
        }
    }

    private static void scaleBackQuietly(ReplicaScaler scaler, String service, int replicas) {
        try {
            scaler.scale(service, replicas);
        } catch (Exception e) {
            System.err.println("shoal bench: could not scale " + service + " back to " + replicas + ": " + e.getMessage());
        }
    }

    private static List<Step> measure(ReplicaScaler scaler, String service, List<Integer> counts, LoadPlan plan,
                                      Duration readyTimeout, Consumer<Second> progress) throws Exception {
        List<Step> steps = new ArrayList<>();
        double perReplica = 0;
        for (int replicas : counts) {
            scaler.scale(service, replicas);
            scaler.awaitReady(service, replicas, readyTimeout);
            BenchResult result = Bench.run(plan, progress);
            if (steps.isEmpty()) {
                perReplica = result.requestsPerSecond() / replicas;
            }
            steps.add(new Step(replicas, result, perReplica == 0 ? 0 : result.requestsPerSecond() / (replicas * perReplica)));
        }
        return steps;
    }

    /** The table printed after a scaling run. */
    public static String table(List<Step> steps) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%8s  %12s  %10s  %10s  %10s%n",
                "replicas", "req/s", "p95 ms", "failures", "efficiency"));
        for (Step s : steps) {
            out.append(String.format(Locale.ROOT, "%8d  %,12.1f  %10.2f  %,10d  %10.2f%n", s.replicas(),
                    s.result().requestsPerSecond(), s.result().millisAt(95), s.result().failures(), s.efficiency()));
        }
        return out.toString();
    }
}
