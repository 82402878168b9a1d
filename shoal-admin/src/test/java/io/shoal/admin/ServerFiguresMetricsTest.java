package io.shoal.admin;

import static io.shoal.admin.MetricsTest.family;
import static io.shoal.admin.MetricsTest.scrape;
import static io.shoal.admin.MetricsTest.value;
import static io.shoal.admin.MetricsTest.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.admin.PrometheusParser.Sample;
import io.shoal.testing.RawBackends;
import io.shoal.testing.TestBackend;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of HAProxy's exporter on {@code /metrics}, read by the Prometheus project's parser after real
 * traffic through a real proxy, and the same figures in {@code GET /api/v1/services}.
 */
class ServerFiguresMetricsTest {
    private static final AdminAccess ACCESS =
            AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private RunningAdmin running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Test
    void bytesEachWayAndTheTimesOfAKnownExchange() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        RawBackends.Misbehaving backend = closeLater(RawBackends.keepAlive(received, RawBackends.OK));
        start("    servers: [" + backend.address() + "]\n");
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/page-" + i, null).body()).isEqualTo("ok");
        }
        assertThat(send("POST", "/form", "name=value").body()).isEqualTo("ok");

        List<Sample> after = scrape(running);
        Map<String, String> labels = labels(backend.address(), backend.address());
        long sent = received.stream().mapToLong(String::length).sum(); // ISO-8859-1: one char, one byte
        assertThat(received).hasSize(4);
        assertThat(value(after, "shoal_server_bytes_in_total", labels)).isEqualTo(sent);
        assertThat(value(after, "shoal_server_bytes_out_total", labels)).isEqualTo(4 * RawBackends.OK.length());
        assertThat(value(after, "shoal_server_connect_time_seconds_count", labels))
                .as("one per new connection").isEqualTo(backend.connections()).isPositive();
        assertThat(value(after, "shoal_server_connect_time_seconds_sum", labels)).isPositive();
        assertThat(value(after, "shoal_server_response_time_seconds_count", labels)).isEqualTo(4);
        assertThat(value(after, "shoal_server_response_time_seconds_bucket", with(labels, "le", "0.0001")))
                .isBetween(0.0, 4.0);
        assertThat(value(after, "shoal_server_response_time_seconds_bucket", with(labels, "le", "25"))).isEqualTo(4);
        assertThat(value(after, "shoal_request_duration_seconds_bucket", with(labels, "le", "+Inf"))).isEqualTo(4);
        assertThat(value(after, "shoal_server_max_in_flight", labels)).isEqualTo(1);
        assertThat(family(after, "shoal_server_connect_time_seconds")).isEqualTo("histogram");
        assertThat(family(after, "shoal_server_response_time_seconds")).isEqualTo("histogram");
        assertThat(family(after, "shoal_server_bytes_in")).isEqualTo("counter");

        JsonNode server = services().get(0).get("servers").get(0);
        assertThat(server.get("replica").isNull()).isTrue();
        assertThat(server.get("bytesIn").asLong()).isEqualTo(sent);
        assertThat(server.get("bytesOut").asLong()).isEqualTo(4L * RawBackends.OK.length());
        assertThat(server.get("sessionsMax").asInt()).isEqualTo(1);
        assertThat(server.get("retries").asInt()).isZero();
        assertThat(server.get("redispatches").asInt()).isZero();
    }

    @Test
    void retriesAreCountedOnTheServerThatFailed() throws Exception {
        TestBackend backend = closeLater(new TestBackend("b"));
        String refused = "127.0.0.1:" + closedPort();
        start("    balance: round_robin\n    servers: [" + refused + ", " + backend.address() + "]\n");
        for (int i = 0; i < 4; i++) {
            assertThat(send("GET", "/", null).statusCode()).isEqualTo(200);
        }

        List<Sample> after = scrape(running);
        Map<String, String> failing = labels(refused, refused);
        double failures = value(after, "shoal_request_failures_total", failing);
        assertThat(failures).isPositive();
        assertThat(value(after, "shoal_server_retries_total", failing)).as("each failed attempt was retried")
                .isEqualTo(failures);
        assertThat(value(after, "shoal_server_retries_total", labels(backend.address(), backend.address()))).isZero();
        assertThat(value(after, "shoal_server_connect_time_seconds_count", failing)).as("no connection").isZero();
        assertThat(serverJson(refused).get("retries").asDouble()).isEqualTo(failures);
    }

    @Test
    void aStickyRequestSentElsewhereIsARedispatchOfItsServer() throws Exception {
        TestBackend a = closeLater(new TestBackend("a"));
        TestBackend b = closeLater(new TestBackend("b"));
        start("    sticky: true\n    servers: [" + a.address() + ", " + b.address() + "]\n");
        Server first = server(a.address());
        first.setState(ServerState.MAINT, "test");

        HttpResponse<String> r = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.proxied("/"))
                .header("Cookie", "SHOAL_SERVER=" + first.stickyId()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("b");

        List<Sample> after = scrape(running);
        assertThat(value(after, "shoal_server_redispatches_total", labels(a.address(), a.address()))).isEqualTo(1);
        assertThat(value(after, "shoal_server_redispatches_total", labels(b.address(), b.address()))).isZero();
        assertThat(serverJson(a.address()).get("redispatches").asInt()).isEqualTo(1);
    }

    @Test
    void theQueueShowsItsLengthAndItsHighest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RawBackends.Misbehaving backend = closeLater(RawBackends.keepAliveWhenReleased(release));
        // The queue holds its two until the release, whatever the scrapes take (5 s by default would end them).
        start("    queue: {timeout: 120s}\n    servers:\n      - {address: " + backend.address() + ", max_conns: 1}\n");
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            responses.add(AdminServerTest.CLIENT.sendAsync(HttpRequest.newBuilder(running.proxied("/" + i))
                    .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<String, String> web = Map.of("service", "web");
        // Each scrape runs the Python parser: on a busy machine a few polls take seconds.
        Awaitility.await().atMost(30, TimeUnit.SECONDS)
                .until(() -> value(scrape(running), "shoal_service_queue_current", web) == 2);
        assertThat(services().get(0).get("totals").get("queueCurrent").asInt()).isEqualTo(2);
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(10, TimeUnit.SECONDS).body()).isEqualTo("ok");
        }

        List<Sample> after = scrape(running);
        assertThat(value(after, "shoal_service_queue_current", web)).isZero();
        assertThat(value(after, "shoal_service_queue_max", web)).isEqualTo(2);
        assertThat(value(after, "shoal_server_max_in_flight", labels(backend.address(), backend.address())))
                .as("max_conns held").isEqualTo(1);
        JsonNode totals = services().get(0).get("totals");
        assertThat(totals.get("queueCurrent").asInt()).isZero();
        assertThat(totals.get("queueMax").asInt()).isEqualTo(2);
    }

    @Test
    void downtimeGrowsWhileDownAndStopsWhenUpAgain() throws Exception {
        TestBackend backend = closeLater(new TestBackend("b"));
        start("    servers: [" + backend.address() + "]\n");
        Map<String, String> labels = labels(backend.address(), backend.address());
        assertThat(value(scrape(running), "shoal_server_downtime_seconds_total", labels)).isZero();
        long before = System.currentTimeMillis();
        Server server = server(backend.address());
        server.setState(ServerState.DOWN, "test");

        Awaitility.await().atMost(5, TimeUnit.SECONDS)
                .until(() -> value(scrape(running), "shoal_server_downtime_seconds_total", labels) > 0);
        List<Sample> down = scrape(running);
        assertThat(value(down, "shoal_server_state", with(labels, "state", "DOWN"))).isEqualTo(1);
        assertThat(value(down, "shoal_server_last_state_change_timestamp_seconds", labels))
                .isBetween(seconds(before), seconds(System.currentTimeMillis()));
        server.setState(ServerState.UP, "test");
        double total = value(scrape(running), "shoal_server_downtime_seconds_total", labels);
        assertThat(total).isPositive();
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> server.status().secondsSince(System.nanoTime()) > 0.01);
        assertThat(value(scrape(running), "shoal_server_downtime_seconds_total", labels)).as("UP: it stands")
                .isEqualTo(total);
        JsonNode json = serverJson(backend.address());
        assertThat(json.get("downtimeSeconds").asDouble()).isCloseTo(total, within(0.001));
        assertThat(json.get("lastChangeSeconds").asDouble()).isPositive();
    }

    @Test
    void outlierEjectionsAreCounted() throws Exception {
        TestBackend backend = closeLater(new TestBackend("b"));
        start("    outlier_detection: {consecutive_5xx: 2}\n    servers: [" + backend.address() + "]\n");
        Map<String, String> labels = labels(backend.address(), backend.address());
        assertThat(value(scrape(running), "shoal_server_ejections_total", labels)).isZero();
        for (int i = 0; i < 2; i++) {
            assertThat(send("GET", "/status?code=500", null).statusCode()).isEqualTo(500);
        }
        assertThat(value(scrape(running), "shoal_server_ejections_total", labels)).isEqualTo(1);
        assertThat(serverJson(backend.address()).get("ejections").asInt()).isEqualTo(1);
    }

    @Test
    void reloadsAreCountedByResultWithTheLastOnesOutcomeAndTime() throws Exception {
        TestBackend backend = closeLater(new TestBackend("b"));
        start("    servers: [" + backend.address() + "]\n");
        List<Sample> atStart = scrape(running);
        assertThat(value(atStart, "shoal_reloads_total", Map.of("result", "success"))).isZero();
        assertThat(value(atStart, "shoal_reload_last_success", Map.of())).as("the load at start").isEqualTo(1);

        long before = System.currentTimeMillis();
        assertThat(reload().statusCode()).isEqualTo(200);
        List<Sample> reloaded = scrape(running);
        assertThat(value(reloaded, "shoal_reloads_total", Map.of("result", "success"))).isEqualTo(1);
        assertThat(value(reloaded, "shoal_reload_last_success", Map.of())).isEqualTo(1);
        assertThat(value(reloaded, "shoal_reload_last_timestamp_seconds", Map.of()))
                .isBetween(seconds(before), seconds(System.currentTimeMillis()));

        Files.writeString(dir.resolve("shoal.yaml"), "services: {web: {servers: [not an address]}}\n");
        assertThat(reload().statusCode()).isEqualTo(400);
        List<Sample> refused = scrape(running);
        assertThat(value(refused, "shoal_reloads_total", Map.of("result", "success"))).isEqualTo(1);
        assertThat(value(refused, "shoal_reloads_total", Map.of("result", "failure"))).isEqualTo(1);
        assertThat(value(refused, "shoal_reload_last_success", Map.of())).isZero();
        assertThat(family(refused, "shoal_reloads")).isEqualTo("counter");
    }

    @Test
    void buildAndProcessFigures() throws Exception {
        TestBackend backend = closeLater(new TestBackend("b"));
        start("    servers: [" + backend.address() + "]\n");
        List<Sample> samples = scrape(running);

        Sample build = samples.stream().filter(s -> s.name().equals("shoal_build_info")).findFirst().orElseThrow();
        assertThat(build.value()).isEqualTo(1);
        assertThat(build.labels().get("version")).as("the pom's version").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(build.labels().get("commit")).matches("[0-9a-f]{40}|unknown");
        assertThat(value(samples, "process_resident_memory_bytes", Map.of())).isGreaterThan(1 << 20);
        assertThat(value(samples, "process_virtual_memory_bytes", Map.of()))
                .isGreaterThanOrEqualTo(value(samples, "process_resident_memory_bytes", Map.of()));
        assertThat(value(samples, "process_open_fds", Map.of())).isPositive();
        assertThat(value(samples, "process_max_fds", Map.of()))
                .isGreaterThanOrEqualTo(value(samples, "process_open_fds", Map.of()));
        assertThat(value(samples, "process_cpu_seconds_total", Map.of())).isPositive();
        assertThat(value(samples, "process_start_time_seconds", Map.of()) * 1000)
                .isLessThanOrEqualTo(System.currentTimeMillis());
        assertThat(family(samples, "process_cpu_seconds")).isEqualTo("counter");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void start(String service) throws Exception {
        Path file = dir.resolve("shoal.yaml");
        Files.writeString(file, "listeners:\n  - address: 127.0.0.1:0\nservices:\n  web:\n" + service);
        running = RunningAdmin.fromFile(file, ACCESS);
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    private static Map<String, String> labels(String server, String replica) {
        return Map.of("service", "web", "server", server, "replica", replica);
    }

    private Server server(String address) {
        return running.topology.current().service("web").servers().stream()
                .filter(s -> s.config().address().toString().equals(address)).findFirst().orElseThrow();
    }

    /** Epoch milliseconds as the exposition writes them: seconds, divided as Shoal divides them. */
    private static double seconds(long epochMillis) {
        return epochMillis / 1000.0;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.proxied(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> reload() throws Exception {
        return AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri("/api/v1/reload"))
                .header("Authorization", "Bearer " + AdminServerTest.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode services() throws Exception {
        HttpResponse<String> r = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri("/api/v1/services"))
                .header("Authorization", "Bearer " + AdminServerTest.TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        return body.has("services") ? body.get("services") : body;
    }

    private JsonNode serverJson(String address) throws Exception {
        for (JsonNode server : services().get(0).get("servers")) {
            if (server.get("address").asText().equals(address)) {
                return server;
            }
        }
        throw new AssertionError("no server " + address);
    }
}
