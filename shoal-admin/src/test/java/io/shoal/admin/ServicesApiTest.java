package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.RawHttp;
import io.shoal.testing.TestBackend;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/services, /services/{name}, /listeners and /routes over a real proxy with traffic flowing through it. */
class ServicesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestBackend backend;
    private RunningAdmin running;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("backend");
        running = RunningAdmin.start(new AdminServerTest.FakeControl(backend.port()),
                AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of()),
                List.of(backend.address(), "127.0.0.1:1"));
    }

    @AfterEach
    void stop() {
        running.close();
        backend.close();
    }

    @Test
    void servicesWithTheirServersAndFigures() throws Exception {
        for (int i = 0; i < 20; i++) {
            proxied(i % 4 == 0 ? "/status?code=500" : "/"); // round robin: half reach the closed port 127.0.0.1:1 and are retried
        }
        running.traffic.sample();

        JsonNode body = get("/api/v1/services");
        assertThat(body.path("windowSeconds").asInt()).isEqualTo(10);
        assertThat(body.path("services")).hasSize(1);
        JsonNode web = body.path("services").get(0);
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.path("balance").asText()).isEqualTo("round_robin");
        assertThat(web.path("replicas").path("desired").asInt()).isEqualTo(2);
        assertThat(web.path("replicas").path("ready").asInt()).isEqualTo(1);

        JsonNode live = server(web, backend.address());
        assertThat(live.path("replica").asText()).isEqualTo("web-1");
        assertThat(live.path("state").asText()).isEqualTo("UP");
        assertThat(live.path("weight").asInt()).isEqualTo(1);
        assertThat(live.path("inFlight").asInt()).isZero();
        assertThat(live.path("responses").path("2xx").asLong()).isEqualTo(15);
        assertThat(live.path("responses").path("5xx").asLong()).isEqualTo(5);
        assertThat(live.path("failures").asLong()).isZero();
        assertThat(live.path("requestRate").asDouble()).isPositive();
        assertThat(live.path("errorRate").asDouble()).isPositive();
        assertThat(live.path("errorRatio").asDouble()).isEqualTo(0.25);
        assertThat(live.path("p99Millis").asDouble()).isPositive()
                .isGreaterThanOrEqualTo(live.path("p50Millis").asDouble());
        assertThat(live.path("healthChecks").isArray()).isTrue();

        JsonNode closed = server(web, "127.0.0.1:1");
        assertThat(closed.path("replica").isNull()).isTrue();
        assertThat(closed.path("failures").asLong()).isPositive();
        assertThat(closed.path("errorRatio").asDouble()).isEqualTo(1.0);

        JsonNode totals = web.path("totals");
        assertThat(totals.path("servers").asInt()).isEqualTo(2);
        assertThat(totals.path("inFlight").asInt()).isZero();
        assertThat(totals.path("requestRate").asDouble()).isGreaterThan(live.path("requestRate").asDouble());
        assertThat(totals.path("p95Millis").asDouble()).isPositive();
    }

    @Test
    void oneServiceByNameAnd404ForOthers() throws Exception {
        JsonNode web = get("/api/v1/services/web");
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.path("servers")).hasSize(2);
        HttpResponse<String> missing = send("/api/v1/services/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no service named nope");
        assertThat(AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri("/api/v1/services"))
                .header("Authorization", "Bearer " + AdminServerTest.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);
    }

    @Test
    void routesOfEveryListener() throws Exception {
        JsonNode listeners = get("/api/v1/routes").path("listeners");
        assertThat(listeners).hasSize(1);
        assertThat(listeners.get(0).path("listener").asText()).isEqualTo("127.0.0.1:0");
        JsonNode route = listeners.get(0).path("routes").get(0);
        assertThat(route.path("path").asText()).isEqualTo("/");
        assertThat(route.path("host").isNull()).isTrue();
        assertThat(route.path("services").get(0).path("service").asText()).isEqualTo("web");
        assertThat(route.path("services").get(0).path("weight").asInt()).isEqualTo(1);
    }

    @Test
    void listenersWithTheirFigures() throws Exception {
        for (int i = 0; i < 3; i++) {
            proxied("/");
        }
        String refused = RawHttp.exchange(running.listener.getPort(), "GET / HTTP/1.1\r\n\r\n"); // no Host
        assertThat(refused).startsWith("HTTP/1.1 400");

        JsonNode listeners = get("/api/v1/listeners").path("listeners");
        assertThat(listeners).hasSize(1);
        JsonNode listener = listeners.get(0);
        assertThat(listener.fieldNames()).toIterable().containsExactly("address", "sessionsCurrent", "sessionsMax",
                "accepted", "requests", "bytesIn", "bytesOut", "responses", "deniedRequests");
        assertThat(listener.path("address").asText()).isEqualTo("127.0.0.1:" + running.listener.getPort());
        assertThat(listener.path("requests").asLong()).isEqualTo(4);
        assertThat(listener.path("responses").path("2xx").asLong()).isEqualTo(3);
        assertThat(listener.path("responses").path("4xx").asLong()).isEqualTo(1);
        assertThat(listener.path("responses").path("5xx").asLong()).isZero();
        assertThat(listener.path("deniedRequests").asLong()).isEqualTo(1);
        assertThat(listener.path("accepted").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(listener.path("sessionsMax").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(listener.path("bytesOut").asLong()).isGreaterThan(refused.length());
        assertThat(listener.path("bytesIn").asLong()).isGreaterThan(3L * "GET / HTTP/1.1\r\n".length());
    }

    private static JsonNode server(JsonNode service, String address) {
        for (JsonNode server : service.path("servers")) {
            if (server.path("address").asText().equals(address)) {
                return server;
            }
        }
        throw new AssertionError("no server " + address + " in " + service);
    }

    private void proxied(String path) throws Exception {
        HttpResponse<String> r = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.proxied(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(path.equals("/status?code=500") ? 500 : 200);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        URI uri = running.uri(path);
        return AdminServerTest.CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
