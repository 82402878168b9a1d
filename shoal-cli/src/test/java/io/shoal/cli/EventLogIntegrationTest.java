package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.testing.TestBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log of the packaged jar: what an operator reads on standard error or in its file. */
class EventLogIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void aServerGoingDownAndComingBackUpIsLoggedWithItsReason() throws Exception {
        TestBackend backend = new TestBackend("a");
        String address = backend.address();
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        ShoalProcess shoal = add(ShoalProcess.start("proxy", "--listen", "127.0.0.1:0", "--backend", address,
                "--threads", "1", "--health-check", "/", "--health-interval", "100ms", "--fall", "2", "--rise", "2"));
        shoal.awaitListening(WAIT);
        shoal.awaitStderr(address + " UP: passed 2 checks", WAIT); // it starts DOWN until its checks pass

        backend.close();
        String down = shoal.awaitStderr(address + " DOWN:", WAIT);
        add(new TestBackend("a", port));
        Awaitility.await().atMost(WAIT).until(() -> linesWith(shoal.stderr(), address + " UP: passed 2 checks") == 2);

        assertThat(down).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN  server \\S+/"
                + address.replace(".", "\\.") + " DOWN: failed 2 checks \\(.+\\)");
        assertThat(shoal.stderr()).containsPattern("Z INFO  server \\S+/" + address.replace(".", "\\.") + " UP: ");
    }

    private static long linesWith(String output, String text) {
        return output.lines().filter(line -> line.contains(text)).count();
    }

    @Test
    void sigusr1ReopensTheAccessLogAndTheEventLogFile(@TempDir Path dir) throws Exception {
        TestBackend backend = add(new TestBackend("a"));
        Path accessLog = dir.resolve("access.log");
        Path eventLog = dir.resolve("shoal.log");
        ShoalProcess shoal = add(ShoalProcess.start("proxy", "--listen", "127.0.0.1:0", "--backend", backend.address(),
                "--threads", "1", "--access-log", accessLog.toString(),
                "--log-file", eventLog.toString(), "--log-format", "json"));
        InetSocketAddress proxy = shoal.awaitListening(WAIT);
        Http.get(proxy, "/first");
        awaitLines(accessLog, 1);

        Files.move(accessLog, dir.resolve("access.log.1"));
        Files.move(eventLog, dir.resolve("shoal.log.1"));
        shoal.signal("USR1");
        Awaitility.await().atMost(WAIT).until(() -> Files.exists(eventLog) && Files.readString(eventLog).contains("SIGUSR1"));
        Http.get(proxy, "/second");
        awaitLines(accessLog, 1);

        assertThat(Files.readString(accessLog)).contains("GET /second ");
        assertThat(Files.readString(dir.resolve("access.log.1"))).contains("GET /first ").doesNotContain("/second");
        JsonNode reopened = new ObjectMapper().readTree(Files.readAllLines(eventLog).stream()
                .filter(line -> line.contains("SIGUSR1")).findFirst().orElseThrow());
        assertThat(reopened.get("level").asText()).isEqualTo("INFO");
        assertThat(reopened.get("loggerName").asText()).isEqualTo("shoal.log");
        assertThat(reopened.get("formattedMessage").asText()).isEqualTo("SIGUSR1: reopening the log files");
    }

    private static void awaitLines(Path file, int count) {
        Awaitility.await().atMost(30, TimeUnit.SECONDS)
                .until(() -> Files.exists(file) && Files.readAllLines(file).size() == count);
    }

    private <T extends AutoCloseable> T add(T resource) {
        resources.add(resource);
        return resource;
    }
}
