package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.bench.Bench;
import io.shoal.bench.BenchResult;
import io.shoal.bench.LoadPlan;
import io.shoal.bench.Second;
import io.shoal.bench.Stage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoscaler end to end: demo-app replicas that each serve {@code /work?ms=200} four at a time
 * (20 requests per second at most), a load step from a fifth of one replica's capacity to what four
 * replicas carry at the target of 3 requests in flight each, then silence. Shoal scales from 1 to at
 * least 4, latency comes back under the objective, and after the (shortened) scale-down window the
 * service is back at {@code min}, without one failed request. Asserts outcomes; prints the times.
 */
class AutoscaleIntegrationTest {
    static final int WORK_MS = 200;
    static final int CONCURRENCY = 4;
    static final double LOW_RATE = 4;
    static final double HIGH_RATE = 60;
    static final int LOW_SECONDS = 6;
    static final int HIGH_SECONDS = 35;
    static final double P95_TARGET_MS = 500;
    static final String AUTOSCALE = String.join("\n",
            "autoscale:",
            "  min: 1",
            "  max: 8",
            "  targets: {in_flight: 3, p95_latency: " + (int) P95_TARGET_MS + "ms}",
            "  interval: 1s",
            "  behavior:",
            "    scale_down: {stabilization_window: 5s}");

    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private RunningShoal shoal;

    @Test
    void aLoadStepScalesOutToFourAndSilenceBringsItBackToMin() throws Exception {
        RunFile.write(dir, 1, List.of("--max-concurrency", Integer.toString(CONCURRENCY)), "20s", "", AUTOSCALE);
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(1, Duration.ofSeconds(30));
        List<Second> seconds = Collections.synchronizedList(new ArrayList<>());

        try (ReplicaTimeline timeline = ReplicaTimeline.start(shoal.admin)) {
            List<Long> clockStarts = Collections.synchronizedList(new ArrayList<>());
            BenchResult load = Bench.run(stepPlan(shoal.proxy.getPort()), second -> {
                seconds.add(second);
                clockStarts.add(timeline.millis() - Math.round(second.atSeconds() * 1000));
            });
            long loadEnd = timeline.millis();
            // The load generator's clock starts once it is set up, not when Bench.run is called: its seconds say when.
            long loadStart = Collections.min(clockStarts);
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                    .until(() -> timeline.firstWithReplicas(1, loadEnd) >= 0);
            long backAtMin = timeline.firstWithReplicas(1, loadEnd);
            long stepAt = loadStart + LOW_SECONDS * 1000L;
            long fourReady = timeline.firstWithReady(4, stepAt);
            double recovered = secondsUntilLatencyStaysUnderTarget(seconds);

            System.out.printf(Locale.ROOT, "autoscale step: %.0f -> %.0f req/s of /work?ms=%d; requests %d, failed %d%n"
                            + "  step -> 4 replicas ready: %.1f s (replica start-up: %s ms)%n"
                            + "  step -> p99 (so p95) under %.0f ms for good: %.0f s; peak %d replicas%n"
                            + "  load end -> back at min (1): %.1f s (scale-down window 5 s)%n",
                    LOW_RATE, HIGH_RATE, WORK_MS, load.requests(), load.failures(), (fourReady - stepAt) / 1000.0,
                    timeline.startupMillis(), P95_TARGET_MS, recovered - LOW_SECONDS, timeline.peak(),
                    (backAtMin - loadEnd) / 1000.0);

            assertThat(load.failures()).as("failed requests: %s, in the seconds %s; replica timeline %s; shoal's output:%n%s",
                    load.failureKinds(), seconds.stream().filter(x -> x.failures() > 0).map(Second::atSeconds).toList(),
                    timeline.samples(), shoal.process.stderr()).isZero();
            assertThat(load.dropped()).as("requests the load generator could not send").isZero();
            assertThat(timeline.samples()).filteredOn(s -> s.millis() < stepAt)
                    .as("replicas before the step").allMatch(s -> s.replicas() == 1);
            assertThat(fourReady).as("4 ready replicas during the step").isBetween(stepAt, loadEnd);
            assertThat(recovered).as("p95 back under target before the step ends")
                    .isLessThan(LOW_SECONDS + HIGH_SECONDS - 5);
            shoal.admin.awaitReady(1, Duration.ofSeconds(20)); // the retired replicas drained and stopped
            assertDecisionsWereRecorded();

            compareWithTheSimulator(timeline, loadStart, backAtMin);
        }
    }

    /**
     * {@code shoal simulate --config shoal.yaml} on the same step, with the replicas' start-up time
     * measured above and their capacity (4 workers x 5 requests per second), gives the same replica
     * timeline: the scale-out, to the same count, and the return to {@code min} at the same moments within
     * one evaluation period (1 s, plus the 100 ms at which the live timeline is read). Later in the step
     * they may part: the model pools the backlog over all ready replicas, where the demo app keeps the
     * requests queued on the first replica, whose latency can then push the live count further up.
     */
    private void compareWithTheSimulator(ReplicaTimeline timeline, long loadStart, long backAtMin) throws Exception {
        List<Long> startups = new ArrayList<>(timeline.startupMillis());
        Collections.sort(startups);
        long startup = Math.max(1, Math.round(startups.get(startups.size() / 2) / 1000.0));
        int highEnd = LOW_SECONDS + HIGH_SECONDS - 1;
        Files.writeString(dir.resolve("step.csv"), String.join("\n", "seconds,rate",
                "0," + LOW_RATE, (LOW_SECONDS - 1) + "," + LOW_RATE, LOW_SECONDS + "," + HIGH_RATE,
                highEnd + "," + HIGH_RATE, (highEnd + 1) + ",0", (highEnd + 20) + ",0", ""));
        Cli simulate = shoal.cli("simulate", "--config", "shoal.yaml", "--service", "web", "--profile", "step.csv",
                "--capacity", Double.toString(CONCURRENCY * 1000.0 / WORK_MS), "--service-time", Integer.toString(WORK_MS),
                "--startup", Long.toString(startup), "--csv", "simulated.csv");
        assertThat(simulate.exit()).as(simulate.toString()).isZero();
        List<int[]> simulated = Files.readAllLines(dir.resolve("simulated.csv")).stream().skip(1)
                .map(line -> line.split(",")).map(c -> new int[] {Integer.parseInt(c[0]), Integer.parseInt(c[2])})
                .toList();

        double simScaleOut = simulated.stream().filter(r -> r[1] > 1).findFirst().orElseThrow()[0];
        double simBackAtMin = simulated.stream().filter(r -> r[0] > highEnd && r[1] == 1).findFirst().orElseThrow()[0];
        int simScaledTo = simulated.stream().filter(r -> r[1] > 1).findFirst().orElseThrow()[1];
        double liveScaleOut = timeline.samples().stream().filter(x -> x.millis() > loadStart && x.replicas() > 1)
                .findFirst().orElseThrow().millis() / 1000.0 - loadStart / 1000.0;
        double liveBackAtMin = (backAtMin - loadStart) / 1000.0;
        double onePeriod = 1.0 + 0.2;
        long scaledBy = loadStart + Math.round((liveScaleOut + onePeriod) * 1000);
        int liveScaledTo = timeline.samples().stream().filter(x -> x.millis() > loadStart && x.millis() <= scaledBy)
                .mapToInt(ReplicaTimeline.Sample::replicas).max().orElseThrow();
        System.out.printf(Locale.ROOT, "  simulated (start-up %d s): scale-out at %.1f s to %d (live %.1f s to %d),"
                + " back at min at %.1f s (live %.1f s)%n", startup, simScaleOut, simScaledTo, liveScaleOut, liveScaledTo,
                simBackAtMin, liveBackAtMin);

        assertThat(liveScaleOut).as("live scale-out vs simulated").isCloseTo(simScaleOut, within(onePeriod));
        assertThat(liveBackAtMin).as("live return to min vs simulated").isCloseTo(simBackAtMin, within(onePeriod));
        assertThat(liveScaledTo).as("replicas after the scale-out, live vs simulated").isEqualTo(simScaledTo);
    }

    /** {@code shoal events} shows the scale-out with the in-flight figure behind it, the scale-in, and replica-hours. */
    private void assertDecisionsWereRecorded() throws Exception {
        Cli table = shoal.cli("events", "--service", "web");
        System.out.print(table.stdout());
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.stdout()).contains("in_flight ", "scale up", "scale down", "web: ", " replica-hours");

        Cli json = shoal.cli("events", "--json");
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode answer = AdminClient.JSON.readTree(json.stdout());
        JsonNode scaleOut = null;
        for (JsonNode event : answer.path("events")) {
            if (scaleOut == null && event.path("decision").path("desired").asInt() > event.path("decision").path("current").asInt()) {
                scaleOut = event.path("decision");
            }
        }
        assertThat(scaleOut).as("a scale-out among %s", answer.path("events")).isNotNull();
        assertThat(scaleOut.path("current").asInt()).isEqualTo(1);
        assertThat(scaleOut.path("metrics").get(0).path("metric").asText()).isEqualTo("IN_FLIGHT");
        assertThat(scaleOut.path("metrics").get(0).path("value").asDouble()).isGreaterThan(3 * 1.1);
        assertThat(answer.path("usage").path("web").path("replicaHours").asDouble()).isPositive();
    }

    /** Open model: {@code LOW_RATE} for a while, then {@code HIGH_RATE}, then it stops by itself. */
    static LoadPlan stepPlan(int proxyPort) {
        return LoadPlan.builder(URI.create("http://127.0.0.1:" + proxyPort + "/work?ms=" + WORK_MS))
                .rate(LOW_RATE)
                .stages(List.of(new Stage(Duration.ofSeconds(LOW_SECONDS), LOW_RATE),
                        new Stage(Duration.ofMillis(100), HIGH_RATE),
                        new Stage(Duration.ofSeconds(HIGH_SECONDS), HIGH_RATE)))
                .connections(400)
                .threads(1)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Seconds from the load's start after which every second's p99 stays under the objective (the
     * load generator reports p99 per second; p95 is at most that), or the load's length if it never does.
     */
    static double secondsUntilLatencyStaysUnderTarget(List<Second> seconds) {
        double since = 0;
        synchronized (seconds) {
            for (Second second : seconds) {
                if (second.responses() > 0 && second.p99Millis() > P95_TARGET_MS) {
                    since = second.atSeconds();
                }
            }
        }
        return since;
    }
}
