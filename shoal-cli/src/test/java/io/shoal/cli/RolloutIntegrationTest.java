package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shoal rollout} under traffic: to a new environment value (the demo app reports APP_VERSION as
 * "version"), then to one whose replicas never pass their health check, which is rolled back.
 */
class RolloutIntegrationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private RunningShoal shoal;

    @Test
    void rollsOutANewValueThenRollsBackOneThatFailsHealthChecks() throws Exception {
        RunFile.write(dir, 2, List.of(), "4s", "");
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(2, Duration.ofSeconds(30));

        try (SteadyLoad load = SteadyLoad.start(shoal.proxy)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= 20);
            assertThat(load.answersSince(0)).allMatch(a -> "1".equals(a.version()));

            Cli rollout = shoal.cli("rollout", "web", "--env", "APP_VERSION=2");
            assertThat(rollout.exit()).as(rollout.toString()).isZero();
            assertThat(rollout.stdout()).contains("shoal: rolled out 2 replicas of web");
            int after = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= after + 30);
            assertThat(load.answersSince(after)).allMatch(a -> "2".equals(a.version()));

            Cli broken = shoal.cli("rollout", "web", "--env", "START_UNHEALTHY=true");
            assertThat(broken.exit()).as(broken.toString()).isEqualTo(1);
            assertThat(broken.stderr()).contains("rollout of web rolled back", "not ready after", "the previous version keeps running");
            int back = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= back + 30);
            assertThat(load.answersSince(back)).allMatch(a -> "2".equals(a.version()));

            load.stop();
            assertThat(load.failures()).as("failed requests").isEmpty();
        }
        shoal.admin.awaitReady(2, Duration.ofSeconds(10));
    }

    @Test
    void blueGreenSwitchesAtOnceAndSwitchesBackWithoutAFailedRequest() throws Exception {
        RunFile.write(dir, 2, List.of(), "10s", "");
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(2, Duration.ofSeconds(30));

        try (SteadyLoad load = SteadyLoad.start(shoal.proxy)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= 20);

            Cli green = shoal.cli("rollout", "web", "--env", "APP_VERSION=green", "--blue-green", "--keep", "2m");
            assertThat(green.exit()).as(green.toString()).isZero();
            assertThat(green.stdout()).contains("shoal: switched web to the new set");
            int switched = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= switched + 30);
            assertThat(load.answersSince(switched)).allMatch(a -> "green".equals(a.version()));

            Cli back = shoal.cli("rollout", "web", "--switch-back");
            assertThat(back.exit()).as(back.toString()).isZero();
            assertThat(back.stdout()).contains("switched web back to the previous set");
            int restored = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= restored + 30);
            assertThat(load.answersSince(restored)).allMatch(a -> "1".equals(a.version()));

            load.stop();
            assertThat(load.failures()).as("failed requests").isEmpty();
        }
    }
}
