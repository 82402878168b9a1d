package io.shoal.autoscaler;

import io.shoal.config.AutoscaleConfig;
import io.shoal.config.ConfigException;
import io.shoal.config.Counts;
import io.shoal.config.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shoal simulate}: a load profile through the autoscaler's decision code, printed and plotted. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Replay a load profile through the autoscaler's decisions and a model of the replicas.")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--profile", defaultValue = "step", paramLabel = "SHAPE|FILE",
            description = "step, spike, daily, or a CSV file of seconds,rate (default: ${DEFAULT-VALUE})")
    String profile;
    @Option(names = "--low", defaultValue = "30", paramLabel = "RATE",
            description = "Low request rate of the built-in shapes, req/s (default: ${DEFAULT-VALUE})")
    double low;
    @Option(names = "--high", defaultValue = "350", paramLabel = "RATE",
            description = "High request rate of the built-in shapes, req/s (default: ${DEFAULT-VALUE})")
    double high;
    @Option(names = "--duration", defaultValue = "300", paramLabel = "SECONDS",
            description = "Seconds simulated by the built-in shapes (default: ${DEFAULT-VALUE})")
    int duration;
    @Option(names = "--capacity", defaultValue = "100", paramLabel = "RATE",
            description = "Requests per second one replica serves at most (default: ${DEFAULT-VALUE})")
    double capacity;
    @Option(names = "--service-time", defaultValue = "20", paramLabel = "MS",
            description = "Milliseconds one request takes when idle (default: ${DEFAULT-VALUE})")
    double serviceMillis;
    @Option(names = "--startup", defaultValue = "5", paramLabel = "SECONDS",
            description = "Seconds a new replica takes to become ready (default: ${DEFAULT-VALUE})")
    int startup;
    @Option(names = "--min", defaultValue = "1", paramLabel = "N",
            description = "Fewest replicas the autoscaler keeps, as autoscale.min (default: ${DEFAULT-VALUE})")
    int min;
    @Option(names = "--max", defaultValue = "10", paramLabel = "N",
            description = "Most replicas the autoscaler starts, as autoscale.max (default: ${DEFAULT-VALUE})")
    int max;
    @Option(names = "--target", defaultValue = "rps=70", split = ",", paramLabel = "METRIC=VALUE",
            description = "Metric targets per replica: cpu=70, rps=70, in_flight=8, p95_latency_ms=250, queue_length=20"
                    + " (default: ${DEFAULT-VALUE})")
    List<String> targets;
    @Option(names = "--scale-down-window", defaultValue = "300", paramLabel = "SECONDS",
            description = "Scale-down stabilization window, seconds (default: ${DEFAULT-VALUE})")
    int downWindow;
    @Option(names = "--p95-target", defaultValue = "250", paramLabel = "MS",
            description = "Latency objective for the report, ms (default: ${DEFAULT-VALUE})")
    double p95Target;
    @Option(names = {"-f", "--config"}, paramLabel = "FILE",
            description = "Take min, max, targets, rules, behavior, interval and the starting count from the autoscale "
                    + "block of --service in this shoal.yaml (then --min, --max, --target and --scale-down-window are not used)")
    Path config;
    @Option(names = "--service", paramLabel = "NAME",
            description = "The service of --config to simulate (default: its only service with autoscale)")
    String service;
    @Option(names = "--csv", paramLabel = "FILE", description = "Write the timeline as CSV")
    Path csv;
    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML chart")
    Path html;

    @Override
    public Integer call() {
        try {
            return simulate();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("shoal simulate: " + e.getMessage());
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("shoal simulate: no such file: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("shoal simulate: " + e.getMessage());
            return 1;
        }
    }

    private int simulate() throws IOException, ConfigException {
        LoadProfile load = switch (profile) {
            case "step" -> LoadProfile.step(low, high, duration);
            case "spike" -> LoadProfile.spike(low, high, duration);
            case "daily" -> LoadProfile.daily(low, high, duration);
            default -> LoadProfile.csv(Path.of(profile));
        };
        ReplicaModel model = new ReplicaModel(capacity, serviceMillis, startup);
        List<Simulator.Second> timeline;
        if (config != null) {
            ServiceConfig chosen = SimulatedService.of(config, service);
            AutoscaleConfig autoscale = chosen.autoscale();
            timeline = Simulator.run(load, model, Policies.decider(autoscale), chosen.run().replicas(),
                    (int) Math.max(1, Math.round(autoscale.interval().toMillis() / 1000.0)),
                    (int) autoscale.initializationPeriod().toSeconds());
        } else {
            ScalingDecider decider = new ScalingDecider(min, max, parseTargets(), List.of(), 0.1,
                    DirectionBehavior.defaultScaleUp(), new DirectionBehavior(Duration.ofSeconds(downWindow),
                    DirectionBehavior.defaultScaleDown().policies(), DirectionBehavior.Select.MAX));
            timeline = Simulator.run(load, model, decider, min, 1, 0);
        }
        print(timeline);
        if (csv != null) {
            Files.writeString(csv, SimulationReport.csv(timeline));
        }
        if (html != null) {
            Files.writeString(html, SimulationReport.html(timeline, p95Target));
        }
        return 0;
    }

    private List<MetricTarget> parseTargets() {
        List<MetricTarget> parsed = new ArrayList<>();
        for (String target : targets) {
            String[] parts = target.split("=", 2);
            parsed.add(new MetricTarget(Metric.valueOf(parts[0].trim().toUpperCase(Locale.ROOT)),
                    Double.parseDouble(parts[1].trim())));
        }
        return parsed;
    }

    private void print(List<Simulator.Second> timeline) {
        System.out.println("  time   rate/s  replicas  ready  util  p95_ms");
        int step = Math.max(1, timeline.size() / 30);
        for (Simulator.Second s : timeline) {
            if (s.second() % step == 0) {
                System.out.printf(Locale.ROOT, "%5ds %8.0f %9d %6d %4.0f%% %7.0f%n", s.second(), s.rate(), s.replicas(),
                        s.ready(), s.utilization() * 100, Math.min(s.p95Millis(), 99_999));
            }
        }
        long replicaSeconds = timeline.stream().mapToLong(Simulator.Second::replicas).sum();
        int peak = timeline.stream().mapToInt(Simulator.Second::replicas).max().orElse(0);
        System.out.printf(Locale.ROOT, "replica-seconds %d, peak %s, p95 over %.0f ms during %.1f%% of the time%n",
                replicaSeconds, Counts.of(peak, "replica"), p95Target,
                Simulator.shareOver(timeline, p95Target) * 100);
    }
}
