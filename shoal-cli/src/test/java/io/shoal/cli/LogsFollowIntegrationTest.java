package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code shoal logs web -f} across a rollout: every line of every replica, old and new, none lost. */
class LogsFollowIntegrationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();

    @Test
    void followsTheReplicasARolloutStopsAndStartsWithoutLosingALine() throws Exception {
        RunFile.write(dir, 2, List.of(), "20s", "");
        RunningShoal shoal = shoals.up(dir);
        shoal.admin.awaitReady(2, Duration.ofSeconds(30));
        try (ShoalProcess follower = ShoalProcess.startIn(dir, "logs", "web", "-f")) {
            follower.awaitStdout("web-2 | demo-app web-2 listening on", Duration.ofSeconds(10));

            Cli rollout = shoal.cli("rollout", "web", "--env", "APP_VERSION=2");
            assertThat(rollout.exit()).as(rollout.toString()).isZero();
            shoal.admin.awaitReady(2, Duration.ofSeconds(10));

            for (String old : List.of("web-1", "web-2")) {
                shoal.process.awaitStdout(old + " | demo-app " + old + " stopping", Duration.ofSeconds(30));
            }
            // The followed lines, replica by replica, are the ones up printed: those of the replicas the
            // rollout stopped (up to their last) and of the new ones, one of which took the id web-1 again.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, List<String>> printedByUp = byReplica(shoal.process.stdout());
                assertThat(printedByUp).containsKeys("web-1", "web-2", "web-3");
                assertThat(byReplica(follower.stdout())).isEqualTo(printedByUp);
            });
            assertThat(byReplica(follower.stdout()).get("web-2")).contains("demo-app web-2 stopping");
        }
    }

    /** Each replica's demo-app lines, in order, from output prefixed {@code web-2 | } (padding dropped). */
    private static Map<String, List<String>> byReplica(String output) {
        return output.lines().filter(line -> line.contains(" | demo-app "))
                .collect(Collectors.groupingBy(line -> line.substring(0, line.indexOf(" | ")).strip(),
                        Collectors.mapping(line -> line.substring(line.indexOf(" | ") + 3), Collectors.toList())));
    }
}
