package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.TestBackend;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin endpoint of a real Shoal: started by {@code admin.listen} alone, its token generated once into
 * {@code .shoal/admin-token} (0600) and kept, changing requests refused without it while {@code shoal down}
 * sends it, and addresses beyond loopback refused at start-up without a configured token.
 */
class AdminIntegrationTest {
    @TempDir
    Path dir;

    private ShoalProcess shoal;
    private TestBackend backend;

    @AfterEach
    void stop() {
        if (shoal != null) {
            shoal.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void tokenIsGeneratedOnceAndTheCommandsSendIt() throws Exception {
        backend = new TestBackend("a");
        Path file = config("admin:\n  listen: 127.0.0.1:0\n");
        shoal = ShoalProcess.startIn(dir, "run", "-f", file.toString());
        shoal.awaitListening(Duration.ofSeconds(30));
        new AdminApi(dir).await();

        Path tokenFile = dir.resolve(".shoal/admin-token");
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String token = Files.readString(tokenFile).trim();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);

        assertThat(admin("GET", "/api/v1/services").body()).contains("\"name\":\"web\"", backend.address());
        assertThat(admin("GET", "/metrics").body()).contains("shoal_requests_total{service=\"web\"");
        assertThat(admin("GET", "/status").body()).startsWith("Active connections: ");
        assertThat(admin("POST", "/api/v1/shutdown").statusCode()).isEqualTo(401);
        assertThat(shoal.isAlive()).isTrue();

        Cli down = Cli.run(dir, Duration.ofSeconds(60), "down");
        assertThat(down.exit()).as(down.toString()).isZero();
        shoal.awaitExit(Duration.ofSeconds(30));

        shoal = ShoalProcess.startIn(dir, "run", "-f", file.toString());
        shoal.awaitListening(Duration.ofSeconds(30));
        new AdminApi(dir).await();
        assertThat(Files.readString(tokenFile).trim()).as("kept across runs").isEqualTo(token);
    }

    @Test
    void aConfiguredTokenIsTheOneUsed() throws Exception {
        backend = new TestBackend("a");
        Path file = config("admin:\n  listen: 127.0.0.1:0\n  token: configured-token-0123456789\n");
        shoal = ShoalProcess.startIn(dir, "run", "-f", file.toString());
        shoal.awaitListening(Duration.ofSeconds(30));
        new AdminApi(dir).await();
        assertThat(Files.readString(dir.resolve(".shoal/admin-token")).trim()).isEqualTo("configured-token-0123456789");
    }

    @Test
    void refusesAnAddressBeyondLoopbackWithoutAConfiguredToken() throws Exception {
        backend = new TestBackend("a");
        Path file = config("");
        shoal = ShoalProcess.startIn(dir, "run", "-f", file.toString(), "--admin", "0.0.0.0:0");
        assertThat(shoal.awaitExit(Duration.ofSeconds(30))).isEqualTo(Launcher.EXIT_INVALID_CONFIG);
        assertThat(shoal.stderr()).contains("shoal: --admin: an admin address beyond loopback (0.0.0.0:0) needs a token");

        Path listen = config("admin:\n  listen: 0.0.0.0:0\n");
        shoal = ShoalProcess.startIn(dir, "run", "-f", listen.toString());
        assertThat(shoal.awaitExit(Duration.ofSeconds(30))).isEqualTo(Launcher.EXIT_INVALID_CONFIG);
        assertThat(shoal.stderr()).contains(listen + ":7: admin.listen: an admin address beyond loopback needs a token");
        assertThat(shoal.stdout()).doesNotContain("listening on");
    }

    private Path config(String admin) throws Exception {
        return Files.writeString(dir.resolve("shoal.yaml"), "listeners:\n  - address: 127.0.0.1:0\nservices:\n  web:\n"
                + "    servers: [" + backend.address() + "]\n" + admin);
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        String address = Files.readString(dir.resolve(".shoal/admin")).trim();
        return Http.CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + address + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
