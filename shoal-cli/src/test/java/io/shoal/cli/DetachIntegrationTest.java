package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shoal up -d} then {@code shoal down}: the compose workflow, with the Shoal in the background. */
class DetachIntegrationTest {
    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        RunningShoal.killLeftovers(dir, null);
    }

    @Test
    void upDetachedThenDown() throws Exception {
        RunFile.write(dir, 1);

        Cli up = Cli.run(dir, Duration.ofSeconds(90), "up", "-d", "--admin", "127.0.0.1:0");
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.stdout()).contains("running in the background", ".shoal/shoal.log", "'shoal down'");
        long pid = Long.parseLong(Files.readString(dir.resolve(".shoal/shoal.pid")).trim());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);

        AdminApi admin = new AdminApi(dir);
        admin.awaitReady(1, Duration.ofSeconds(30));
        long replica = admin.pids().get(0);
        Cli running = Cli.run(dir, Duration.ofSeconds(30), "ps");
        assertThat(running.stdout()).as(running.toString()).contains("web-1  READY");

        Cli down = Cli.run(dir, Duration.ofSeconds(90), "down");
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.stdout()).contains("(pid " + pid + ")", "shoal: stopped");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.of(replica).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.readString(dir.resolve(".shoal/shoal.log")))
                .contains("web-1 | demo-app web-1 listening on", "shoal: stopped");

        Cli again = Cli.run(dir, Duration.ofSeconds(30), "down");
        assertThat(again.exit()).isZero();
        assertThat(again.stdout()).contains("nothing to stop", "no running Shoal found");
        Cli ps = Cli.run(dir, Duration.ofSeconds(30), "ps");
        assertThat(ps.exit()).as(ps.toString()).isEqualTo(1);
        assertThat(ps.stderr()).isEqualTo("shoal: no running Shoal found: there is no .shoal/admin in "
                + dir.toRealPath() + " or a parent directory; 'shoal up' starts one, --admin HOST:PORT names another\n");
    }

    @Test
    void upWaitReturnsOnceTheReplicasTakeTraffic() throws Exception {
        RunFile.write(dir, 2, List.of("--startup-delay", "1s"), "20s", "");

        Cli up = Cli.run(dir, Duration.ofSeconds(90), "up", "--wait", "--admin", "127.0.0.1:0");

        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.stdout()).contains("running in the background", "shoal: every service has its replicas ready");
        assertThat(new AdminApi(dir).ready()).as("ready when up returned").hasSize(2);
        assertThat(Http.get(proxyAddress(), "/").statusCode()).isEqualTo(200);
        assertThat(Files.readString(dir.resolve(".shoal/shoal.log")))
                .contains("'shoal down' stops everything").doesNotContain("Ctrl-C");
        assertThat(Cli.run(dir, Duration.ofSeconds(90), "down").exit()).isZero();
    }

    @Test
    void upWaitSaysWhichServiceIsNotReadyAfterTheTimeout() throws Exception {
        RunFile.write(dir, 1, List.of("--start-unhealthy"), "20s", "");

        Cli up = Cli.run(dir, Duration.ofSeconds(90), "up", "--wait", "--wait-timeout", "2s", "--admin", "127.0.0.1:0");

        assertThat(up.exit()).as(up.toString()).isEqualTo(1);
        assertThat(up.stderr()).contains("shoal: not ready after 2s: service web has 0 of 1 replica ready. "
                + "Shoal keeps running: 'shoal ps' shows the replicas, 'shoal down' stops everything");
        assertThat(Cli.run(dir, Duration.ofSeconds(90), "down").exit()).isZero();
    }

    @Test
    void aWaitTimeoutWithoutUnitIsAUsageError() throws Exception {
        RunFile.write(dir, 1);

        Cli up = Cli.run(dir, Duration.ofSeconds(30), "up", "--wait", "--wait-timeout", "5");

        assertThat(up.exit()).as(up.toString()).isEqualTo(2);
        assertThat(up.stderr()).contains("--wait-timeout: '5' has no unit; write e.g. 5s");
        assertThat(dir.resolve(".shoal/shoal.pid")).doesNotExist();
    }

    /** The proxy's address, from the "listening on" line of the background Shoal's output. */
    private InetSocketAddress proxyAddress() throws IOException {
        Matcher m = Pattern.compile("shoal: listening on 127\\.0\\.0\\.1:(\\d+)")
                .matcher(Files.readString(dir.resolve(".shoal/shoal.log")));
        assertThat(m.find()).as("a listening line in .shoal/shoal.log").isTrue();
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
    }
}
