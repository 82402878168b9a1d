package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.TestBackend;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/v1/reload over a real proxy: only the file's difference is applied, and a bad file changes nothing. */
class ReloadApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path file;
    private TestBackend first;
    private TestBackend second;
    private RunningAdmin running;

    @BeforeEach
    void start() throws Exception {
        first = new TestBackend("backend");
        second = new TestBackend("backend");
        file = dir.resolve("shoal.yaml");
        write("listeners:\n  - address: 127.0.0.1:0\n"
                + "services:\n  web:\n    servers: [" + first.address() + ", " + second.address() + "]\n");
        running = RunningAdmin.fromFile(file, AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of()));
    }

    @AfterEach
    void stop() {
        running.close();
        first.close();
        second.close();
    }

    @Test
    void aValidReloadChangesAWeightAndAddsARoute() throws Exception {
        write("listeners:\n  - address: 127.0.0.1:0\n    routes:\n      - {path: /api, service: api}\n"
                + "      - {path: /, service: web}\n"
                + "services:\n  web:\n    servers:\n      - {address: " + first.address() + ", weight: 3}\n"
                + "      - " + second.address() + "\n  api:\n    servers: [" + second.address() + "]\n");
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("changes")).extracting(JsonNode::asText).containsExactly(
                "services.web.servers: " + first.address() + " weight 1 -> 3", "services.api: added",
                "listeners: routes changed");

        JsonNode routes = JSON.readTree(get("/api/v1/routes")).path("listeners").get(0).path("routes");
        assertThat(routes.get(0).path("path").asText()).isEqualTo("/api");
        assertThat(routes.get(0).path("services").get(0).path("service").asText()).isEqualTo("api");
        proxy("/", 40);
        assertThat(first.requests.get()).isEqualTo(30);
        proxy("/api/x", 5);
        assertThat(second.requests.get()).isEqualTo(15);
        assertThat(JSON.readTree(reload().body()).path("message").asText()).isEqualTo("no changes");
    }

    @Test
    void anInvalidFileChangesNothing() throws Exception {
        String services = ServerApiTest.withoutClock(get("/api/v1/services"));
        String routes = get("/api/v1/routes");
        write("listeners:\n  - address: 127.0.0.1:0\n    routes:\n      - {path: /, service: nope}\n"
                + "services:\n  web:\n    servers:\n      - {address: " + first.address() + ", weight: 0}\n");
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("the configuration is invalid; nothing changed");
        assertThat(body.path("problems")).extracting(JsonNode::asText).anySatisfy(problem ->
                assertThat(problem).startsWith(file + ":8: services.web.servers[0].weight:"));
        assertThat(body.path("problems")).extracting(JsonNode::asText).anySatisfy(problem ->
                assertThat(problem).startsWith(file + ":4: ").contains("nope"));
        assertThat(ServerApiTest.withoutClock(get("/api/v1/services"))).isEqualTo(services);
        assertThat(get("/api/v1/routes")).isEqualTo(routes);
    }

    @Test
    void aChangeNeedingARestartChangesNothing() throws Exception {
        String services = ServerApiTest.withoutClock(get("/api/v1/services"));
        write("listeners:\n  - address: 127.0.0.1:1\n"
                + "services:\n  web:\n    servers: [" + first.address() + "]\n");
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("listeners: addresses changed from [127.0.0.1:0] to [127.0.0.1:1]");
        assertThat(ServerApiTest.withoutClock(get("/api/v1/services"))).isEqualTo(services);
    }

    @Test
    void changesMadeAtRunTimeOutliveAReloadThatDoesNotTouchThem() throws Exception {
        try (TestBackend third = new TestBackend("backend")) {
            String server = "/api/v1/services/web/servers/";
            assertThat(send("POST", "/api/v1/services/web/servers", "{\"address\": \"" + third.address() + "\"}").statusCode()).isEqualTo(201);
            assertThat(send("DELETE", server + second.address(), null).statusCode()).isEqualTo(200);
            assertThat(send("PUT", server + first.address() + "/state", "{\"state\": \"maint\"}").statusCode())
                    .isEqualTo(200);
            write("listeners:\n  - address: 127.0.0.1:0\n"
                    + "services:\n  web:\n    servers: [" + first.address() + ", " + second.address() + "]\n"
                    + "    balance: least_conn\n");
            HttpResponse<String> r = reload();
            assertThat(JSON.readTree(r.body()).path("changes")).extracting(JsonNode::asText)
                    .containsExactly("services.web: settings changed");

            JsonNode web = JSON.readTree(get("/api/v1/services/web"));
            assertThat(web.path("balance").asText()).isEqualTo("least_conn");
            assertThat(web.path("servers")).extracting(s -> s.path("address").asText() + " " + s.path("state").asText())
                    .containsExactly(first.address() + " MAINT", third.address() + " UP");
        }
    }

    @Test
    void withoutAFileThereIsNothingToReload() throws Exception {
        running.close();
        running = RunningAdmin.start(new AdminServerTest.FakeControl(),
                AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of()), List.of(first.address()));
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("started without a configuration file");
        assertThat(send("GET", "/api/v1/reload", null).statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> reload() throws Exception {
        return send("POST", "/api/v1/reload", null);
    }

    private String get(String path) throws Exception {
        return send("GET", path, null).body();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return ServerApiTest.send(running, method, path, body);
    }

    private void proxy(String path, int requests) throws Exception {
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> r = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.proxied(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    private void write(String yaml) throws Exception {
        Files.writeString(file, yaml);
    }
}
