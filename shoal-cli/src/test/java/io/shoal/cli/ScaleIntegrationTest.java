package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shoal scale web=1}, then 5, then 2, while a client sends one request after another (seed 000's
 * benchmark scales 1, 3, 5): not one request fails, and every replica alive answers.
 */
class ScaleIntegrationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private RunningShoal shoal;

    @Test
    void scalesDownAndUpUnderSteadyTrafficWithoutAFailedRequest() throws Exception {
        RunFile.write(dir, 2);
        shoal = shoals.up(dir);
        shoal.admin.awaitReady(2, Duration.ofSeconds(30));

        try (SteadyLoad load = SteadyLoad.start(shoal.proxy)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= 20);

            scale("web=1", "web runs 1 replica");
            int mark = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= mark + 20);
            assertThat(load.instancesSince(mark)).containsExactly("web-1");

            scale("web=5", "web runs 5 replicas");
            int five = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> load.instancesSince(five).size() == 5);
            assertThat(load.instancesSince(five)).containsExactlyInAnyOrder("web-1", "web-2", "web-3", "web-4", "web-5");

            scale("web=2", "web runs 2 replicas");
            int two = load.mark();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() >= two + 30);
            assertThat(load.instancesSince(two)).isEqualTo(Set.of("web-1", "web-2"));

            load.stop();
            assertThat(load.failures()).as("failed requests").isEmpty();
            assertThat(load.answered()).isGreaterThan(100);
        }
        assertThat(shoal.admin.ready()).containsExactly("web-1", "web-2");
    }

    private void scale(String target, String said) throws Exception {
        Cli scale = shoal.cli("scale", target);
        assertThat(scale.exit()).as(scale.toString()).isZero();
        assertThat(scale.stdout()).startsWith(said);
    }
}
