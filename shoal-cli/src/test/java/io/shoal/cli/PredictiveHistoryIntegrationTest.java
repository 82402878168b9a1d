package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predictive scaling learns from what the service served and keeps it in {@code .shoal/autoscale-history.csv}:
 * a Shoal started again in the same directory goes on from there instead of forgetting.
 */
class PredictiveHistoryIntegrationTest {
    private static final String AUTOSCALE = "autoscale:\n  min: 1\n  max: 2\n  targets: {rps: 50}\n  predictive: {}";

    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private RunningShoal shoal;

    @Test
    void whatWasLearntSurvivesARestart() throws Exception {
        RunFile.write(dir, 1, List.of(), "20s", "", AUTOSCALE);
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(1, Duration.ofSeconds(30));
        try (SteadyLoad load = SteadyLoad.start(shoal.proxy)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.answered() >= 50 && decisions() >= 3);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> decisions() >= 5); // the last requests counted
        JsonNode forecast = lastDecision().path("forecast");
        assertThat(forecast.path("scales").asBoolean()).as("forecast in %s", forecast).isTrue();
        shoal.close();
        double learnt = requestsIn(dir.resolve(".shoal/autoscale-history.csv"));
        assertThat(learnt).as("requests learnt in the first run").isGreaterThan(40);

        shoal = shoals.up(dir); // no traffic this time
        shoal.admin.awaitReady(1, Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> decisions() >= 2);
        shoal.close();

        assertThat(shoal.process.stderr()).doesNotContain("starts without history");
        assertThat(requestsIn(dir.resolve(".shoal/autoscale-history.csv"))).as("kept across the restart")
                .isCloseTo(learnt, org.assertj.core.data.Offset.offset(1.0));
        System.out.printf("requests learnt: %.0f, still there after a restart%n", learnt);
    }

    private int decisions() throws Exception {
        Cli events = shoal.cli("events", "--all", "--json");
        return events.exit() == 0 ? AdminClient.JSON.readTree(events.stdout()).path("events").size() : 0;
    }

    private JsonNode lastDecision() throws Exception {
        JsonNode events = AdminClient.JSON.readTree(shoal.cli("events", "--all", "--json").stdout()).path("events");
        return events.get(events.size() - 1);
    }

    /** Requests of service web over every hour of the week in the file. */
    private static double requestsIn(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(line -> line.startsWith("web,"))
                .mapToDouble(line -> Double.parseDouble(line.split(",")[2])).sum();
    }
}
