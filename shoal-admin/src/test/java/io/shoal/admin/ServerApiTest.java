package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.TestBackend;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers' runtime API over a real proxy and real backends: weight, drain / maint / ready, servers
 * added and removed; each checked by where proxied requests go.
 */
class ServerApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestBackend first;
    private TestBackend second;
    private RunningAdmin running;

    @BeforeEach
    void start() throws Exception {
        first = new TestBackend("backend");
        second = new TestBackend("backend");
        Path file = Files.writeString(dir.resolve("shoal.yaml"), "listeners:\n  - address: 127.0.0.1:0\n"
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
    void weightSteersTraffic() throws Exception {
        HttpResponse<String> r = send("PUT", "/api/v1/services/web/servers/" + first.address() + "/weight", "{\"weight\": 3}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"weight\":3", "\"state\":\"UP\"");
        assertThat(server(first.address()).path("weight").asInt()).isEqualTo(3);

        proxy(40);
        assertThat(first.requests.get()).isEqualTo(30);
        assertThat(second.requests.get()).isEqualTo(10);
    }

    @Test
    void weightRefusesBadInput() throws Exception {
        String path = "/api/v1/services/web/servers/" + first.address() + "/weight";
        for (String body : List.of("{\"weight\": 0}", "{\"weight\": 1001}", "{\"weight\": \"2\"}", "{\"weigth\": 2}", "[2]")) {
            assertThat(send("PUT", path, body).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(send("POST", path, "{\"weight\": 2}").statusCode()).isEqualTo(405);
        assertThat(send("PUT", "/api/v1/services/web/servers/127.0.0.1:1/weight", "{\"weight\": 2}").statusCode())
                .isEqualTo(404);
        assertThat(send("PUT", "/api/v1/services/nope/servers/127.0.0.1:1/weight", "{\"weight\": 2}").body())
                .contains("no service named nope");
        assertThat(server(first.address()).path("weight").asInt()).isEqualTo(1);
    }

    @Test
    void drainMaintAndReady() throws Exception {
        String path = "/api/v1/services/web/servers/" + first.address() + "/state";
        assertThat(send("PUT", path, "{\"state\": \"drain\"}").body()).contains("\"state\":\"DRAINING\"");
        proxy(10);
        assertThat(first.requests.get()).isZero();
        assertThat(send("PUT", path, "{\"state\": \"maint\"}").body()).contains("\"state\":\"MAINT\"");
        assertThat(server(first.address()).path("reason").asText()).isEqualTo("set to maintenance through the admin API");
        proxy(10);
        assertThat(first.requests.get()).isZero();
        assertThat(send("PUT", path, "{\"state\": \"ready\"}").body()).contains("\"state\":\"UP\"");
        proxy(10);
        assertThat(first.requests.get()).isEqualTo(5);
        assertThat(send("PUT", path, "{\"state\": \"down\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void aReplicaIsNamedByItsId() throws Exception {
        running.close();
        running = RunningAdmin.start(new AdminServerTest.FakeControl(first.port()),
                AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of()), List.of(first.address()));
        HttpResponse<String> r = send("PUT", "/api/v1/services/web/servers/web-1/state", "{\"state\": \"drain\"}");
        assertThat(r.body()).contains("\"server\":\"" + first.address() + "\"", "\"state\":\"DRAINING\"");
        assertThat(send("PUT", "/api/v1/services/web/servers/web-9/state", "{\"state\": \"drain\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void serversAreAddedAndRemoved() throws Exception {
        try (TestBackend third = new TestBackend("backend")) {
            HttpResponse<String> added = send("POST", "/api/v1/services/web/servers",
                    "{\"address\": \"" + third.address() + "\", \"weight\": 2}");
            assertThat(added.statusCode()).isEqualTo(201);
            assertThat(added.body()).contains("\"weight\":2", "added " + third.address() + " to web");
            proxy(40);
            assertThat(third.requests.get()).isEqualTo(20);

            assertThat(send("POST", "/api/v1/services/web/servers", "{\"address\": \"" + third.address() + "\"}")
                    .statusCode()).isEqualTo(409);
            assertThat(send("POST", "/api/v1/services/web/servers", "{\"address\": \"http://x:1\"}").statusCode())
                    .isEqualTo(400);
            assertThat(send("POST", "/api/v1/services/nope/servers", "{\"address\": \"127.0.0.1:9\"}").statusCode())
                    .isEqualTo(404);

            HttpResponse<String> removed = send("DELETE", "/api/v1/services/web/servers/" + third.address(), null);
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat(removed.body()).contains("\"drained\":\"drained\"");
            assertThat(JSON.readTree(send("GET", "/api/v1/services/web", null).body()).path("servers")).hasSize(2);
            int before = third.requests.get();
            proxy(10);
            assertThat(third.requests.get()).isEqualTo(before);
            assertThat(send("DELETE", "/api/v1/services/web/servers/" + third.address(), null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void removingAServerLetsItsRequestInFlightFinish() throws Exception {
        String servers = "/api/v1/services/web/servers/";
        send("PUT", servers + second.address() + "/state", "{\"state\": \"maint\"}");
        CompletableFuture<HttpResponse<String>> slow = AdminServerTest.CLIENT.sendAsync(
                HttpRequest.newBuilder(running.proxied("/slow?ms=500")).build(), HttpResponse.BodyHandlers.ofString());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server(first.address()).path("inFlight").asInt() == 1);
        send("PUT", servers + second.address() + "/state", "{\"state\": \"ready\"}");

        HttpResponse<String> removed = send("DELETE", servers + first.address(), null);

        assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body()).contains("\"drained\":\"drained\"");
        proxy(5);
        assertThat(second.requests.get()).isEqualTo(5);
    }

    private void proxy(int requests) throws Exception {
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> r = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.proxied("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    private JsonNode server(String address) throws Exception {
        for (JsonNode server : JSON.readTree(send("GET", "/api/v1/services/web", null).body()).path("servers")) {
            if (server.path("address").asText().equals(address)) {
                return server;
            }
        }
        throw new AssertionError("no server " + address);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(running, method, path, body);
    }

    /** A services answer without its one figure that moves with the clock, for "nothing changed" comparisons. */
    static String withoutClock(String services) {
        return services.replaceAll("\"lastChangeSeconds\":[0-9.]+,", "");
    }

    /** A request with the token; a body for methods other than GET and DELETE. */
    static HttpResponse<String> send(RunningAdmin running, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(running.uri(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + AdminServerTest.TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return AdminServerTest.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
