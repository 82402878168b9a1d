package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001's "1 server: 6,302 TPS -> 2 servers: 12,000+ TPS" as one command: {@code shoal bench --scale web=1,2,4}
 * against demo-app replicas that each serve one request at a time, so capacity is per replica, not per core.
 */
class BenchScaleIntegrationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private RunningShoal shoal;

    @Test
    void throughputGrowsNearlyLinearlyWithReplicas() throws Exception {
        RunFile.write(dir, 1, List.of("--max-concurrency", "1"), "20s", "");
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(1, Duration.ofSeconds(30));
        String url = "http://127.0.0.1:" + shoal.proxy.getPort() + "/work?ms=50";

        Path report = dir.resolve("scale.html");
        Cli bench = shoal.cli("bench", "--scale", "web=1,2,4", "-c", "16", "-d", "3s", "--html", report.toString(), url);

        System.out.println(bench.stdout());
        assertThat(bench.exit()).as(bench.toString()).isZero();
        List<String> rows = bench.stdout().lines().filter(line -> line.trim().matches("\\d+ .*")).toList();
        assertThat(rows).hasSize(3);
        double atTwo = efficiency(rows.get(1));
        double atFour = efficiency(rows.get(2));
        assertThat(atTwo).as("efficiency at 2 replicas").isGreaterThanOrEqualTo(0.85);
        assertThat(atFour).as("efficiency at 4 replicas").isGreaterThan(0.7);
        String html = java.nio.file.Files.readString(report);
        assertThat(html).contains("Scaling efficiency", "4 replicas", "<svg");
        // put back where it was: scaling answers once done, so the count is back when bench returns
        assertThat(shoal.admin.replicas()).hasSize(1);
    }

    @Test
    void aStoppedRunPutsTheServiceBack() throws Exception {
        RunFile.write(dir, 1, List.of(), "20s", "");
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(1, Duration.ofSeconds(30));
        String url = "http://127.0.0.1:" + shoal.proxy.getPort() + "/";
        Process bench = new ProcessBuilder(ShoalProcess.command(ShoalProcess.SMALL_JVM, "bench", "--scale", "web=2",
                "-c", "2", "-d", "5m", url)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("bench.out").toFile()).start();
        try {
            shoal.admin.awaitReady(2, Duration.ofSeconds(60));

            bench.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
            assertThat(bench.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            bench.destroyForcibly();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> shoal.admin.replicas().size() == 1);
    }

    private static double efficiency(String row) {
        String[] columns = row.trim().split("\\s+");
        return Double.parseDouble(columns[columns.length - 1]);
    }
}
