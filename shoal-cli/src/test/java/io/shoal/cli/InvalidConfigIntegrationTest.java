package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalid configuration: the problems on stderr with where they are, exit status 2, nothing started. */
class InvalidConfigIntegrationTest {
    private ShoalProcess shoal;

    @AfterEach
    void stop() {
        if (shoal != null) {
            shoal.close();
        }
    }

    @Test
    void yamlProblemsNameFileAndLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), String.join("\n",
                "listeners: [{address: \"127.0.0.1:0\"}]",
                "services:",
                "  app:",
                "    servers:",
                "      - address: 127.0.0.1:9001",
                "        weight: 0",
                ""));

        shoal = ShoalProcess.start("run", "-f", file.toString());

        assertThat(shoal.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
        assertThat(shoal.stderr()).contains(file + ":6: services.app.servers[0].weight: ");
        assertThat(shoal.stdout()).doesNotContain("listening on");
    }

    @Test
    void aMissingFileIsNamedInASentence(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nonexistent.yaml");

        shoal = ShoalProcess.startIn(dir, "up", "-f", missing.toString());

        assertThat(shoal.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
        assertThat(shoal.stderr()).contains("shoal: cannot read " + missing + ": no such file\n")
                .doesNotContain("Exception");
    }

    @Test
    void quickModeProblemsNameTheOption() throws Exception {
        shoal = ShoalProcess.start("proxy", "--listen", "127.0.0.1:0", "--backend", "127.0.0.1:9001,weight=0");

        assertThat(shoal.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
        assertThat(shoal.stderr()).contains("command line: --backend: ");
        assertThat(shoal.stdout()).doesNotContain("listening on");
    }
}
