package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The request on the wire is the one asked for, and connections are reused exactly when keep-alive is on. */
class RequestShapeIntegrationTest {
    @Test
    void sendsTheMethodHeadersAndBody() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        try (TestServer server = TestServer.start(1, exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("X-Test")
                    + " " + exchange.getRequestHeaders().getFirst("Host"));
            TestServer.respond(exchange, 201, "");
        })) {
            BenchResult r = Bench.run(LoadPlan.builder(server.uri("/orders?x=1")).method("put").header("X-Test", "yes")
                    .body("{\"id\":1}".getBytes(StandardCharsets.UTF_8)).connections(1).threads(1).requests(3).build(), s -> { });

            assertThat(r.statuses()).containsEntry(201, 3L);
            assertThat(seen.get()).isEqualTo("PUT /orders?x=1 yes 127.0.0.1:" + server.uri("/").getPort());
        }
    }

    @Test
    void postIsTheDefaultWithABodyAndTheBodyArrivesWhole() throws Exception {
        try (TestServer server = TestServer.start(1, exchange -> TestServer.respond(exchange,
                exchange.getRequestMethod().equals("POST") && TestServer.body(exchange).equals("hello") ? 200 : 400, ""))) {
            BenchResult r = Bench.run(LoadPlan.builder(server.uri("/")).body("hello".getBytes(StandardCharsets.UTF_8))
                    .connections(1).threads(1).requests(2).build(), s -> { });
            assertThat(r.plan().method()).isEqualTo("POST");
            assertThat(r.statuses()).containsExactly(entry(200, 2L));
        }
    }

    @Test
    void headAnswersHaveNoBodyEvenWithAContentLength() throws Exception {
        try (TestServer server = TestServer.start(1, exchange -> exchange.sendResponseHeaders(200, -1))) {
            BenchResult r = Bench.run(LoadPlan.builder(server.uri("/")).method("HEAD").connections(1).threads(1).requests(5)
                    .timeout(java.time.Duration.ofSeconds(2)).build(), s -> { });
            assertThat(r.statuses()).containsEntry(200, 5L);
            assertThat(r.errors()).isEmpty();
        }
    }

    @Test
    void keepAliveReusesConnectionsAndItsAbsenceOpensOnePerRequest() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        try (TestServer server = TestServer.start(2, exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            TestServer.respond(exchange, 200, "ok");
        })) {
            Bench.run(LoadPlan.builder(server.uri("/")).connections(2).threads(1).requests(40).build(), s -> { });
            assertThat(clientPorts).hasSize(2);

            clientPorts.clear();
            BenchResult r = Bench.run(LoadPlan.builder(server.uri("/")).connections(2).threads(1).requests(40)
                    .keepAlive(false).build(), s -> { });
            assertThat(clientPorts).hasSize(40);
            assertThat(r.statuses()).containsEntry(200, 40L);
        }
    }
}
