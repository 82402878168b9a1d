package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
}
