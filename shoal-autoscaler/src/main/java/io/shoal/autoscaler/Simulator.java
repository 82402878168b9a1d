package io.shoal.autoscaler;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code shoal simulate}: replays a load profile through the same {@link ScalingDecider} the live
 * autoscaler uses, against a model of replica capacity and start-up time, one simulated second at a
 * time. A policy can be tuned in seconds before it meets production.
 */
public final class Simulator {
    private Simulator() {}

    /** One simulated second. */
    public record Second(int second, double rate, int replicas, int ready, double utilization, double p95Millis,
                         double backlog) {}

    /**
     * @param evaluationSeconds seconds between two decisions (the live loop's interval)
     * @param initializationSeconds a new replica's CPU is not trusted for this long
     */
    public static List<Second> run(LoadProfile profile, ReplicaModel model, ScalingDecider decider, int initialReplicas,
                                   int evaluationSeconds, int initializationSeconds) {
        List<Integer> startedAt = new ArrayList<>();
        for (int i = 0; i < initialReplicas; i++) {
            startedAt.add(-model.startupSeconds() - initializationSeconds);
        }
        List<Second> timeline = new ArrayList<>();
        double backlog = 0;
        for (int s = 0; s < profile.seconds(); s++) {
            double rate = profile.rateAt(s);
            int ready = 0;
            for (int start : startedAt) {
                if (s - start >= model.startupSeconds()) {
                    ready++;
                }
            }
            double capacity = ready * model.capacityRps();
            double served = Math.min(rate + backlog, capacity);
            backlog = rate + backlog - served;
            double utilization = capacity == 0 ? 1 : Math.min(1, (rate + backlog) / capacity);
            double p95 = ready == 0 ? Double.POSITIVE_INFINITY : model.p95Millis(utilization, backlog / ready);
            timeline.add(new Second(s, rate, startedAt.size(), ready, utilization, p95, backlog));
            if (s % evaluationSeconds == 0) {
                ScalingInput input = input(s, startedAt, model, initializationSeconds, rate, utilization, p95, backlog);
                resize(startedAt, decider.decide(input, 0).desired(), s);
            }
        }
        return timeline;
    }

    private static ScalingInput input(int s, List<Integer> startedAt, ReplicaModel model, int initializationSeconds,
                                      double rate, double utilization, double p95, double backlog) {
        int ready = 0;
        for (int start : startedAt) {
            ready += s - start >= model.startupSeconds() ? 1 : 0;
        }
        double perReplicaRate = ready == 0 ? 0 : rate / ready;
        // Little's law: in flight = arrival rate x time in the replica, plus the replica's share of the backlog.
        double working = utilization >= 0.99 ? model.workers() : perReplicaRate * model.meanMillis(utilization) / 1000;
        double inFlight = ready == 0 ? 0 : working + backlog / ready;
        List<ReplicaFigures> replicas = new ArrayList<>();
        for (int i = 0; i < startedAt.size(); i++) {
            int age = s - startedAt.get(i);
            boolean isReady = age >= model.startupSeconds();
            replicas.add(new ReplicaFigures("r" + i, isReady, age < model.startupSeconds() + initializationSeconds,
                    isReady ? Map.of(Metric.CPU, utilization * 100, Metric.RPS, perReplicaRate, Metric.IN_FLIGHT, inFlight)
                            : Map.of()));
        }
        Map<Metric, Double> service = new EnumMap<>(Metric.class);
        service.put(Metric.QUEUE_LENGTH, backlog);
        if (rate > 0 || backlog > 0) { // as live: no requests, no latency figure
            service.put(Metric.P95_LATENCY_MS, Math.min(p95, 3_600_000));
        }
        return new ScalingInput(s * 1000L, startedAt.size(), replicas, service);
    }

    /** Starts new replicas now, or removes the newest ones (drained at once in the model). */
    private static void resize(List<Integer> startedAt, int desired, int s) {
        while (startedAt.size() < desired) {
            startedAt.add(s);
        }
        while (startedAt.size() > desired) {
            startedAt.remove(startedAt.size() - 1);
        }
    }

    /** Share of seconds whose p95 exceeded {@code targetMillis}. */
    public static double shareOver(List<Second> timeline, double targetMillis) {
        return timeline.stream().filter(s -> s.p95Millis() > targetMillis).count() / (double) timeline.size();
    }
}
