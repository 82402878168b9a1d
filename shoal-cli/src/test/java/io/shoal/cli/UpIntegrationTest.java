package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code shoal up} with a run service: replicas behind the proxy, ps, logs, and stopping without leftovers. */
class UpIntegrationTest {
    private static final Pattern INSTANCE = Pattern.compile("\"instance\":\"([^\"]+)\"");

    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private RunningShoal shoal;
    private RunningShoal second;

    @Test
    void runsTwoReplicasAndSigtermStopsEveryOne() throws Exception {
        RunFile.write(dir, 2);
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(2, Duration.ofSeconds(30));

        Set<String> instances = new LinkedHashSet<>();
        for (int i = 0; i < 10; i++) {
            Matcher m = INSTANCE.matcher(Http.get(shoal.proxy, "/").body());
            assertThat(m.find()).isTrue();
            instances.add(m.group(1));
        }
        assertThat(instances).containsExactlyInAnyOrder("web-1", "web-2");
        shoal.process.awaitStdout("web-1 | demo-app web-1 listening on 127.0.0.1:", Duration.ofSeconds(5));
        shoal.process.awaitStdout("web-2 | demo-app web-2 listening on 127.0.0.1:", Duration.ofSeconds(5));

        Cli ps = shoal.cli("ps");
        assertThat(ps.exit()).as(ps.toString()).isZero();
        List<String> lines = ps.stdout().lines().toList();
        assertThat(lines.get(0).split("\\s{2,}"))
                .containsExactly("ID", "STATE", "PORT", "PID", "UPTIME", "RESTARTS", "CPU %", "RSS", "IN-FLIGHT");
        long pid1 = shoal.admin.replica("web-1").path("pid").asLong();
        assertThat(lines.get(1).split("\\s+")).startsWith("web-1", "READY",
                shoal.admin.replica("web-1").path("port").asText(), Long.toString(pid1));
        assertThat(lines.get(2)).startsWith("web-2  READY");

        Cli one = shoal.cli("logs", "web-2");
        assertThat(one.stdout()).as(one.toString()).startsWith("demo-app web-2 listening on");
        Cli all = shoal.cli("logs", "web");
        assertThat(all.stdout()).as(all.toString())
                .contains("web-1 | demo-app web-1 listening on", "web-2 | demo-app web-2 listening on");

        List<ProcessHandle> children = shoal.process.handle().children().toList();
        assertThat(children).extracting(ProcessHandle::pid).containsAll(shoal.admin.pids());
        shoal.process.signal("TERM");
        assertThat(shoal.process.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);

        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(shoal.process.stdout()).contains("web-1 | demo-app web-1 stopping");
        assertThat(dir.resolve(".shoal/admin")).doesNotExist();
        assertThat(Files.readString(dir.resolve(".shoal/replicas.json")).trim()).isEqualTo("[]");
    }

    @Test
    void aShoalStartedAfterACrashStopsTheOrphansOfTheLast() throws Exception {
        RunFile.write(dir, 2);
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(2, Duration.ofSeconds(30));
        List<Long> orphans = shoal.admin.pids();

        shoal.process.handle().destroyForcibly(); // kill -9: no shutdown hook runs
        shoal.process.awaitExit(Duration.ofSeconds(10));
        assertThat(orphans).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

        second = shoals.up(dir);
        String said = second.process.awaitStderr("left running by a Shoal that did not stop cleanly", Duration.ofSeconds(10));
        assertThat(said).contains("stopped 2 replica processes", "web-1 (pid " + orphans.get(0) + ")",
                "web-2 (pid " + orphans.get(1) + ")");
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() ->
                orphans.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        second.admin.awaitReady(2, Duration.ofSeconds(30));
    }

    @Test
    void secondShoalInTheSameDirectoryIsRefused() throws Exception {
        RunFile.write(dir, 1);
        shoal = shoals.up(dir);
        Cli again = shoal.cli("up", "-f", "shoal.yaml", "--admin", "127.0.0.1:0");
        assertThat(again.exit()).as(again.toString()).isEqualTo(1);
        assertThat(again.stderr()).contains("another Shoal is running in " + dir.toRealPath(), "'shoal down' stops it");
    }
}
