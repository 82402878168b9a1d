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
 * {@code shoal reload} of a file with a {@code run} service while a client sends one request after another:
 * the service's settings change, its replicas stay (same processes, still in the pool), no request fails;
 * a change to the {@code run} block itself is refused and changes nothing.
 */
class ReloadReplicasIntegrationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private RunningShoal shoal;

    @Test
    void aReloadKeepsTheReplicasAndRefusesRunChanges() throws Exception {
        Path file = RunFile.write(dir, 2);
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(2, Duration.ofSeconds(30));
        List<Long> pids = shoal.admin.pids();
        String yaml = Files.readString(file);

        try (SteadyLoad load = SteadyLoad.start(shoal.proxy)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= 20);
            Files.writeString(file, yaml.replace("interval: 250ms", "interval: 300ms")
                    .replace("    drain_timeout: 5s", "    drain_timeout: 5s\n    balance: least_conn"));
            Cli reload = shoal.cli("reload");
            assertThat(reload.exit()).as(reload.toString()).isZero();
            assertThat(reload.stdout()).contains("applied 1 change", "services.web: settings changed");

            int after = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.instancesSince(after).size() == 2);
            load.stop();
            assertThat(load.failures()).isEmpty();
        }
        JsonNode web = services().path("services").get(0);
        assertThat(web.path("balance").asText()).isEqualTo("least_conn");
        assertThat(web.path("servers")).extracting(s -> s.path("state").asText()).containsExactly("UP", "UP");
        assertThat(shoal.admin.pids()).isEqualTo(pids);

        Files.writeString(file, yaml.replace("replicas: 2", "replicas: 3"));
        Cli refused = shoal.cli("reload");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains("nothing changed", "services.web.run: changed; this takes a restart");
        assertThat(services().path("services").get(0).path("balance").asText()).isEqualTo("least_conn");
        assertThat(shoal.admin.pids()).isEqualTo(pids);
    }

    /** Reading is open to loopback clients: no token. */
    private JsonNode services() throws Exception {
        return new AdminClient(Files.readString(dir.resolve(".shoal/admin")).trim(), "test", null).get("/services");
    }
}
