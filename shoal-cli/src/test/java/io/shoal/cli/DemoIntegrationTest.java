package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shoal demo}, the README's first command: two demo-app replicas behind the proxy (on a free port
 * instead of :8080), started from a directory that is not the checkout, and Ctrl-C (SIGINT) stops all.
 */
class DemoIntegrationTest {
    private static final Pattern INSTANCE = Pattern.compile("\"instance\":\"([^\"]+)\"");

    @TempDir
    Path dir;
    private ShoalProcess shoal;

    @AfterEach
    void stop() {
        shoal.close();
        RunningShoal.killLeftovers(dir, shoal.handle());
    }

    @Test
    void answersFromTwoInstancesAndStopsCleanlyOnSigint() throws Exception {
        shoal = ShoalProcess.startIn(dir, "demo", "--listen", "127.0.0.1:0");
        InetSocketAddress proxy = shoal.awaitListening(Duration.ofSeconds(30));
        shoal.awaitStdout("round robin", Duration.ofSeconds(60));

        Set<String> instances = new LinkedHashSet<>();
        for (int i = 0; i < 6; i++) {
            String body = Http.get(proxy, "/").body();
            assertThat(body).startsWith("{\"message\":\"Hello from Shoal demo app\"").contains("\"timestamp\":");
            Matcher m = INSTANCE.matcher(body);
            assertThat(m.find()).as(body).isTrue();
            instances.add(m.group(1));
        }
        assertThat(instances).containsExactlyInAnyOrder("web-1", "web-2");
        assertThat(Http.get(proxy, "/health").body()).contains("\"status\":\"healthy\"");
        assertThat(shoal.stdout()).contains("curl localhost:" + proxy.getPort(), "./shoal ps", "Ctrl-C");

        List<ProcessHandle> replicas = shoal.handle().children().toList();
        assertThat(replicas).hasSize(2);
        shoal.signal("INT");
        assertThat(shoal.awaitExit(Duration.ofSeconds(30))).isEqualTo(130);
        assertThat(replicas).noneMatch(ProcessHandle::isAlive);
        assertThat(shoal.stderr()).contains("shoal: stopped");
    }
}
