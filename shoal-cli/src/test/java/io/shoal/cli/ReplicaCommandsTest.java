package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.config.AdminConfig;
import io.shoal.config.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The parts of the replica commands that need no running Shoal: parsing, formatting, the state directory. */
class ReplicaCommandsTest {
    @TempDir
    Path dir;

    @Test
    void scaleTargets() {
        assertThat(scale("web=5", "api=0")).containsExactly(Map.entry("web", 5), Map.entry("api", 0));
        assertThatThrownBy(() -> scale("web")).hasMessageContaining("expected SERVICE=N").hasMessageContaining("'web'");
        assertThatThrownBy(() -> scale("web=-1")).hasMessageContaining("expected SERVICE=N");
        assertThatThrownBy(() -> scale("web=2", "web=3")).hasMessage("web is given twice");
    }

    private static Map<String, Integer> scale(String... targets) {
        ScaleCommand command = new ScaleCommand();
        CommandLine cli = new CommandLine(command);
        cli.parseArgs(targets);
        return ScaleCommand.parse(command.targets, cli.getCommandSpec());
    }

    @Test
    void psRowsAndTable() throws Exception {
        JsonNode ready = AdminClient.JSON.readTree("{\"id\":\"web-1\",\"service\":\"web\",\"state\":\"READY\",\"port\":41235,"
                + "\"pid\":4242,\"uptimeMillis\":192000,\"restarts\":1,\"cpuPercent\":12.345,\"rssBytes\":64172851,"
                + "\"inFlight\":3,\"message\":\"ready\"}");
        JsonNode failed = AdminClient.JSON.readTree("{\"id\":\"web-10\",\"service\":\"web\",\"state\":\"FAILED\",\"port\":0,"
                + "\"pid\":-1,\"uptimeMillis\":0,\"restarts\":5,\"cpuPercent\":-1,\"rssBytes\":-1,\"inFlight\":0}");
        assertThat(PsCommand.row(ready))
                .containsExactly("web-1", "READY", "41235", "4242", "3m12s", "1", "12.3", "61.2 MiB", "3");
        assertThat(PsCommand.table(List.of(PsCommand.HEADER, PsCommand.row(ready), PsCommand.row(failed)))).isEqualTo(
                "ID      STATE   PORT   PID   UPTIME  RESTARTS  CPU %  RSS       IN-FLIGHT\n"
                + "web-1   READY   41235  4242  3m12s   1         12.3   61.2 MiB  3\n"
                + "web-10  FAILED  -      -     -       5         -      -         0\n");
    }

    @Test
    void durationsAndSizes() {
        assertThat(PsCommand.duration(999)).isEqualTo("0s");
        assertThat(PsCommand.duration(59_000)).isEqualTo("59s");
        assertThat(PsCommand.duration(3_723_000)).isEqualTo("1h02m");
        assertThat(PsCommand.duration(90_000_000)).isEqualTo("1d01h");
        assertThat(PsCommand.bytes(812 * 1024)).isEqualTo("812 KiB");
        assertThat(PsCommand.bytes(3L << 30)).isEqualTo("3.0 GiB");
    }

    @Test
    void consolePrefixLinesUpIds() {
        assertThat(ReplicaConsole.prefix("web-2", 6)).isEqualTo("web-2  | ");
        assertThat(ReplicaConsole.prefix("web-10", 6)).isEqualTo("web-10 | ");
    }

    @Test
    void adminAddressBeyondLoopbackNeedsAConfiguredToken() {
        AdminConfig none = AdminConfig.defaults();
        assertThat(AdminBind.of(null, none).explicit()).isFalse();
        assertThat(AdminBind.of(null, none).address().getPort()).isEqualTo(9901);
        assertThat(AdminBind.of("127.0.0.1:0", none).explicit()).isTrue();
        assertThat(AdminBind.of("[::1]:9902", none).address().getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> AdminBind.of("0.0.0.0:9901", none))
                .hasMessageContaining("--admin: an admin address beyond loopback (0.0.0.0:9901) needs a token");
        assertThatThrownBy(() -> AdminBind.of(":9901", none)).hasMessageContaining("needs a token");

        AdminConfig listen = new AdminConfig(new HostPort("127.0.0.1", 9950), null, null, none.allow(), none.allowedHosts());
        assertThat(AdminBind.of(null, listen).address().getPort()).isEqualTo(9950);
        assertThat(AdminBind.of(null, listen).explicit()).isTrue();
        AdminConfig withToken = new AdminConfig(null, "0123456789abcdef", null, none.allow(), none.allowedHosts());
        assertThat(AdminBind.of("0.0.0.0:0", withToken).address().getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void stateDirIsFoundFromSubdirectoriesAndLockedOnce() throws Exception {
        StateDir state = new StateDir(dir.resolve(".shoal"));
        AutoCloseable lock = state.lock().orElseThrow();
        try {
            state.publish(new java.net.InetSocketAddress("127.0.0.1", 9999));
            Path sub = Files.createDirectories(dir.resolve("a/b"));
            assertThat(StateDir.find(sub)).map(StateDir::adminAddress).hasValue(java.util.Optional.of("127.0.0.1:9999"));
            assertThat(state.pid()).hasValue(ProcessHandle.current().pid());
            state.unpublish();
            assertThat(state.adminFile()).doesNotExist();
        } finally {
            lock.close();
        }
        assertThat(state.lock()).isPresent().get().satisfies(AutoCloseable::close);
    }
}
