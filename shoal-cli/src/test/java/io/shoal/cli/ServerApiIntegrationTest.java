package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.testing.TestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers' runtime API and its commands against {@code shoal up} with static servers: a server added
 * and removed while a client sends one request after another (not one fails), drain / weight / status /
 * top / reload from the command line, and SIGHUP, also under nohup.
 */
class ServerApiIntegrationTest {
    @TempDir
    Path dir;
    private final List<TestBackend> backends = new java.util.ArrayList<>();
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private RunningShoal shoal;

    @Test
    void aServerAddedAndRemovedUnderSteadyTrafficFailsNoRequest() throws Exception {
        start(backend("a"), backend("b"));
        AdminClient admin = admin();
        TestBackend c = backend("c");
        try (SteadyLoad load = SteadyLoad.start(shoal.proxy)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= 20);

            int added = load.mark();
            admin.post("/services/web/servers", Map.of("address", c.address()), Duration.ofSeconds(10));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.instancesSince(added).contains("c"));

            JsonNode removed = admin.delete("/services/web/servers/" + c.address(), Duration.ofSeconds(30));
            assertThat(removed.path("drained").asText()).isEqualTo("drained");
            int gone = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= gone + 30);
            assertThat(load.instancesSince(gone)).containsExactlyInAnyOrder("a", "b");
            load.stop();
            assertThat(load.failures()).isEmpty();
        }
    }

    @Test
    void commandsDrainWeighShowAndReload() throws Exception {
        TestBackend a = backend("a");
        TestBackend b = backend("b");
        start(a, b);
        String server = "web/" + a.address();

        Cli drain = shoal.cli("drain", server);
        assertThat(drain.exit()).as(drain.toString()).isZero();
        assertThat(drain.stdout()).contains(server + " is DRAINING (set to drain through the admin API)");
        Cli weight = shoal.cli("weight", server, "4");
        assertThat(weight.stdout()).as(weight.toString()).contains(server + " has weight 4");

        Cli status = shoal.cli("status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.stdout()).containsPattern("web +round_robin +- +2 +1 ")
                .containsPattern(server.replace(".", "\\.") + " +- +DRAINING +4 ");
        Cli top = shoal.cli("top", "-n", "2");
        assertThat(top.exit()).as(top.toString()).isZero();
        assertThat(top.stdout().split("SERVER +REPLICA +STATE +CPU %", -1)).hasSize(3);
        assertThat(shoal.cli("drain", "--undo", server).stdout()).contains(server + " is UP");
        assertThat(shoal.cli("maint", "web/nope:1").stderr()).contains("web has no server nope:1");

        String before = serversWithoutClock();
        Files.writeString(dir.resolve("shoal.yaml"), yaml(a, b).replaceFirst("weight: 1", "weight: 0"));
        Cli invalid = shoal.cli("reload");
        assertThat(invalid.exit()).as(invalid.toString()).isEqualTo(2);
        assertThat(invalid.stderr()).contains("the configuration is invalid; nothing changed",
                "shoal.yaml:6: services.web.servers[0].weight: must be between 1 and 1000, got 0");
        assertThat(serversWithoutClock()).isEqualTo(before);

        Files.writeString(dir.resolve("shoal.yaml"), yaml(a, b).replaceFirst("weight: 1", "weight: 2"));
        Cli valid = shoal.cli("reload");
        assertThat(valid.exit()).as(valid.toString()).isZero();
        assertThat(valid.stdout()).contains("applied 1 change", "services.web.servers: " + a.address() + " weight 1 -> 2");
        assertThat(admin().get("/services/web").path("servers").get(0).path("weight").asInt()).isEqualTo(2);
    }

    @Test
    void sighupReloads() throws Exception {
        TestBackend a = backend("a");
        TestBackend b = backend("b");
        start(a);
        Files.writeString(dir.resolve("shoal.yaml"), yaml(a, b));
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(shoal.process.handle().pid())).start();
        assertThat(kill.waitFor()).isZero();
        shoal.process.awaitStderr(" reload shoal.yaml: services.web.servers: added " + b.address(),
                Duration.ofSeconds(10));
        assertThat(admin().get("/services/web").path("servers")).hasSize(2);
        assertThat(shoal.process.isAlive()).isTrue();
    }

    @Test
    void sighupReloadsWhenStartedUnderNohupThroughTheLauncher() throws Exception {
        TestBackend a = backend("a");
        TestBackend b = backend("b");
        Files.writeString(dir.resolve("shoal.yaml"), yaml(a));
        shoal = shoals.up(ShoalProcess::startUnderNohup, dir);
        Files.writeString(dir.resolve("shoal.yaml"), yaml(a, b));
        shoal.process.signal("HUP");
        shoal.process.awaitStderr(" reload shoal.yaml: services.web.servers: added " + b.address(),
                Duration.ofSeconds(10));
        assertThat(admin().get("/services/web").path("servers")).hasSize(2);
        assertThat(shoal.process.stderr()).doesNotContain("SIGHUP cannot reload");
    }

    @Test
    void startedWithSighupIgnoredItSaysThatSighupCannotReload() throws Exception {
        Files.writeString(dir.resolve("shoal.yaml"), yaml(backend("a")));
        shoal = shoals.up(ShoalProcess::startJarUnderNohup, dir);
        shoal.process.awaitStderr(" SIGHUP cannot reload here (Shoal was started with SIGHUP ignored, as nohup "
                + "does; the shoal launcher script restores it); use 'shoal reload'", Duration.ofSeconds(10));
    }

    private void start(TestBackend... servers) throws Exception {
        Files.writeString(dir.resolve("shoal.yaml"), yaml(servers));
        shoal = shoals.up(dir);
    }

    private static String yaml(TestBackend... servers) {
        StringBuilder yaml = new StringBuilder("listeners:\n  - address: 127.0.0.1:0\nservices:\n  web:\n    servers:\n");
        for (TestBackend server : servers) {
            yaml.append("      - {address: ").append(server.address()).append(", weight: 1}\n");
        }
        return yaml.toString();
    }

    private TestBackend backend(String instance) throws Exception {
        TestBackend backend = new TestBackend("{\"instance\":\"" + instance + "\"}");
        backends.add(backend);
        return backend;
    }

    /** The servers as the API shows them, less the seconds since their last change, which grow between two reads. */
    private String serversWithoutClock() throws Exception {
        return admin().get("/services/web").path("servers").toString().replaceAll("\"lastChangeSeconds\":[0-9.]+,", "");
    }

    private AdminClient admin() throws Exception {
        return AdminClient.locate(null, dir);
    }
}
