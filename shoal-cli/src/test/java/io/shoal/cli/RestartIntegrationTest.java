package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Replicas that die: one killed with SIGKILL under traffic, and one that crashes every time it starts. */
class RestartIntegrationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private RunningShoal shoal;

    @Test
    void aKilledReplicaLeavesThePoolWithoutAFailedRequestAndIsRestarted() throws Exception {
        RunFile.write(dir, 2);
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(2, Duration.ofSeconds(30));
        long victim = shoal.admin.replica("web-1").path("pid").asLong();

        try (SteadyLoad load = SteadyLoad.start(shoal.proxy)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= 20);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly(); // kill -9

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode web1 = shoal.admin.replica("web-1");
                return web1.path("state").asText().equals("READY") && web1.path("pid").asLong() != victim;
            });
            assertThat(shoal.admin.replica("web-1").path("restarts").asInt()).isEqualTo(1);
            int mark = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.instancesSince(mark).size() == 2);

            load.stop();
            assertThat(load.failures()).as("failed requests").isEmpty();
        }
        assertThat(shoal.process.stdout()).contains("web-1 | shoal: exited with code 137");
    }

    @Test
    void aReplicaThatCrashesOnStartIsRestartedWithBackoffThenGivenUp() throws Exception {
        RunFile.write(dir, 1, List.of("--fail-on-start"), "20s",
                "restart: {policy: always, backoff: 200ms, max_restarts: 3, window: 1m}");
        shoal = shoals.up(dir);

        String gaveUp = shoal.process.awaitStdout("giving up", Duration.ofSeconds(60));
        assertThat(gaveUp).startsWith("web-1 | shoal: exited 4 times within 60s; giving up")
                .contains("max_restarts 3");
        assertThat(shoal.process.stdout().lines().filter(l -> l.contains("web-1 | demo-app web-1 failing on start")))
                .hasSize(4); // the first start and three restarts
        JsonNode web1 = shoal.admin.replica("web-1");
        assertThat(web1.path("state").asText()).isEqualTo("FAILED");
        assertThat(web1.path("restarts").asInt()).isEqualTo(3);
        assertThat(shoal.process.stderr()).contains("shoal: not every replica became ready");
        assertThat(shoal.process.isAlive()).isTrue();

        Cli ps = shoal.cli("ps");
        assertThat(ps.stdout()).as(ps.toString()).contains("web-1  FAILED  -     -    -       3");
    }
}
