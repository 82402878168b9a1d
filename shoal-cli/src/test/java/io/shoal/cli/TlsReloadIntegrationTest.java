package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A renewed certificate put in place of the old one, as certbot does: served without a signal. */
class TlsReloadIntegrationTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StartedShoals shoals = new StartedShoals();
    private TestBackend backend;

    @BeforeEach
    void startBackend() throws Exception {
        backend = new TestBackend("a");
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @Test
    void aRenewedCertificateIsServedOnceInPlaceAndABrokenOneIsRefusedWithItsFileAndLine() throws Exception {
        Issued live = TestCertificates.issue(Files.createDirectory(dir.resolve("live")), "old.localhost", "localhost");
        Issued renewed = TestCertificates.issue(Files.createDirectory(dir.resolve("next")), "new.localhost", "localhost");
        Files.writeString(dir.resolve("shoal.yaml"), "listeners:\n  - address: 127.0.0.1:0\n    tls:\n"
                + "      cert: " + live.cert() + "\n      key: " + live.key() + "\n"
                + "services:\n  web:\n    servers: [" + backend.address() + "]\n");
        RunningShoal shoal = shoals.up(dir);
        assertThat(curl(shoal, live.cert())).isEqualTo("a");

        Files.copy(renewed.cert(), live.cert(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(renewed.key(), live.key(), StandardCopyOption.REPLACE_EXISTING);
        shoal.process.awaitStderr("files changed: listeners[0].tls: new certificates CN=new.localhost until ",
                Duration.ofSeconds(20));
        assertThat(curl(shoal, renewed.cert())).isEqualTo("a");

        Files.writeString(live.key(), "half a key\n");
        shoal.process.awaitStderr("files changed but cannot be used; the certificates served so far go on: "
                + "listeners[0].tls: " + live.key() + ": no PEM private key in it", Duration.ofSeconds(20));
        Cli refused = shoal.cli("reload");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.stderr()).contains("the configuration is invalid; nothing changed",
                "shoal.yaml:5: listeners[0].tls.key: " + live.key() + ": no PEM private key in it");
        assertThat(curl(shoal, renewed.cert())).isEqualTo("a");
    }

    /** A GET through Shoal by curl, trusting only {@code trusted}: fails unless Shoal serves that certificate. */
    private static String curl(RunningShoal shoal, Path trusted) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--cacert", trusted.toString(),
                "https://localhost:" + shoal.proxy.getPort() + "/").redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        curl.waitFor();
        return output;
    }
}
