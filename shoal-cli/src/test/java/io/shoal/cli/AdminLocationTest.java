package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Shoal a command run from some directory talks to, and with which token: a Shoal runs from
 * {@code parent}, and {@code parent/app} keeps the token of a Shoal that ran there once and stopped.
 */
class AdminLocationTest {
    private static final String PARENT_TOKEN = "token-of-the-running-shoal";

    @TempDir
    Path parent;
    private Path app;
    private HttpServer admin;

    @BeforeEach
    void startParentShoal() throws IOException {
        admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        admin.createContext("/api/v1/replicas", this::answer);
        admin.start();
        StateDir running = new StateDir(parent.resolve(StateDir.NAME));
        running.publish(admin.getAddress());
        running.writeAdminToken(PARENT_TOKEN);
        app = Files.createDirectories(parent.resolve("app"));
        new StateDir(app.resolve(StateDir.NAME)).writeAdminToken("token-of-a-shoal-that-stopped");
    }

    @AfterEach
    void stop() {
        admin.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        boolean authorized = ("Bearer " + PARENT_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = (authorized ? "[]" : "{\"error\":\"a valid admin token is needed\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void fromASubdirectoryTheAddressAndTokenComeFromTheSameShoal() throws Exception {
        AdminClient client = AdminClient.locate(null, app);

        assertThat(client.get("/replicas").isArray()).isTrue();
        assertThat(client.address()).isEqualTo(Launcher.format(admin.getAddress()));
    }

    @Test
    void aShoalStartedInAnotherDirectoryIsNamed() {
        assertThat(AdminClient.locate(null, app).elsewhere(app))
                .hasValue("shoal: talking to the Shoal at " + Launcher.format(admin.getAddress())
                        + " started in " + parent.toAbsolutePath().normalize());
        assertThat(AdminClient.locate(null, parent).elsewhere(parent)).isEmpty();
        assertThat(AdminClient.locate(Launcher.format(admin.getAddress()), app).elsewhere(app)).isEmpty();
    }

    @Test
    void withoutAnAdminFileThereIsNoShoalRatherThanADefaultPort() throws Exception {
        Files.delete(new StateDir(parent.resolve(StateDir.NAME)).adminFile());

        assertThatThrownBy(() -> AdminClient.locate(null, app))
                .isInstanceOf(AdminClient.NoShoalFound.class)
                .hasMessage("no running Shoal found: there is no .shoal/admin in " + app.toAbsolutePath().normalize()
                        + " or a parent directory; 'shoal up' starts one, --admin HOST:PORT names another");
    }
}
