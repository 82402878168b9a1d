package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A listen address another program holds: the address and the cause in words, exit status 1. */
class PortInUseIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aListenerSaysWhichAddressIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ShoalProcess shoal = ShoalProcess.start("proxy", "--listen", "127.0.0.1:" + taken.getLocalPort(),
                     "--backend", "127.0.0.1:9")) {
            assertThat(shoal.awaitExit(TIMEOUT)).isEqualTo(1);
            assertThat(shoal.stderr())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use")
                    .doesNotContain("bind(..)", "Exception");
        }
    }

    @Test
    void theAdminEndpointSaysWhichAddressIsInUse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("shoal.yaml"), String.join("\n",
                "listeners: [{address: \"127.0.0.1:0\", routes: [{service: web}]}]",
                "services:",
                "  web:",
                "    servers: [127.0.0.1:9]",
                ""));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ShoalProcess shoal = ShoalProcess.startIn(dir, "run", "-f", "shoal.yaml",
                     "--admin", "127.0.0.1:" + taken.getLocalPort())) {
            assertThat(shoal.awaitExit(TIMEOUT)).isEqualTo(1);
            assertThat(shoal.stderr())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (admin endpoint): address already in use")
                    .doesNotContain("Address already in use");
        }
    }
}
