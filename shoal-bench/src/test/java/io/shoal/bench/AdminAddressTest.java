package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Shoal runs from {@code parent}; {@code parent/app} keeps the token of a Shoal that ran there once and stopped. */
class AdminAddressTest {
    @TempDir
    Path parent;

    @Test
    void theAddressAndTokenComeFromTheSameShoal() throws IOException {
        Path app = layout();

        assertThat(AdminAddress.find(null, app)).isEqualTo(new AdminAddress("127.0.0.1:40001", "running"));
        assertThat(AdminAddress.find("127.0.0.1:40002", app)).isEqualTo(new AdminAddress("127.0.0.1:40002", "running"));
    }

    @Test
    void withoutAnAdminFileThereIsNoShoalRatherThanADefaultPort() throws IOException {
        Path app = layout();
        Files.delete(parent.resolve(".shoal/admin"));

        assertThatThrownBy(() -> AdminAddress.find(null, app)).hasMessageStartingWith(
                "no running Shoal found: there is no .shoal/admin in " + app.toAbsolutePath().normalize());
    }

    private Path layout() throws IOException {
        Files.createDirectories(parent.resolve(".shoal"));
        Files.writeString(parent.resolve(".shoal/admin"), "127.0.0.1:40001\n");
        Files.writeString(parent.resolve(".shoal/admin-token"), "running\n");
        Path app = Files.createDirectories(parent.resolve("app/.shoal")).getParent();
        Files.writeString(app.resolve(".shoal/admin-token"), "stopped\n");
        return app;
    }
}
