package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each way a request can fail is counted under its own kind, once per request, and nothing else is counted. */
class ErrorKindsIntegrationTest {
    @Test
    void refusedConnectionsAreConnectErrors() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        BenchResult r = run(URI.create("http://127.0.0.1:" + port + "/"), 20, Duration.ofSeconds(5));
        assertThat(r.errors()).containsExactly(entry(ErrorKind.CONNECT, 20L));
        assertThat(r.responses()).isZero();
        assertThat(r.failures()).isEqualTo(20);
    }

    @Test
    void slowAnswersAreTimeouts() throws Exception {
        try (TestServer server = TestServer.start(4, exchange -> {
            TestServer.sleep(1500);
            TestServer.respond(exchange, 200, "late");
        })) {
            BenchResult r = run(server.uri("/"), 4, Duration.ofMillis(200));
            assertThat(r.errors()).containsExactly(entry(ErrorKind.TIMEOUT, 4L));
            assertThat(r.responses()).isZero();
        }
    }

    @Test
    void errorStatusesAreCountedByCode() throws Exception {
        int[] count = {0};
        try (TestServer server = TestServer.start(1, exchange -> TestServer.respond(exchange, ++count[0] % 3 == 0 ? 500 : 200, "x"))) {
            BenchResult r = run(server.uri("/"), 30, Duration.ofSeconds(5));
            assertThat(r.statuses()).containsExactly(entry(200, 20L), entry(500, 10L));
            assertThat(r.errors()).isEmpty();
            assertThat(r.failureKinds()).containsExactly(entry("status 500", 10L));
            assertThat(r.failures()).isEqualTo(10);
        }
    }

    @Test
    void resetsClosesAndGarbageHaveTheirOwnKinds() throws Exception {
        try (RawServer reset = RawServer.start(s -> {
                s.setSoLinger(true, 0);
                s.close();
            });
             RawServer closedEarly = RawServer.start(s -> {
                 s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
                 s.getOutputStream().flush();
             });
             RawServer garbage = RawServer.start(s -> s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(run(reset.uri(), 5, Duration.ofSeconds(5)).errors()).isEqualTo(Map.of(ErrorKind.RESET, 5L));
            assertThat(run(closedEarly.uri(), 5, Duration.ofSeconds(5)).errors()).isEqualTo(Map.of(ErrorKind.CLOSED, 5L));
            assertThat(run(garbage.uri(), 5, Duration.ofSeconds(5)).errors()).isEqualTo(Map.of(ErrorKind.PROTOCOL, 5L));
        }
    }

    private static BenchResult run(URI uri, int requests, Duration timeout) throws InterruptedException {
        return Bench.run(LoadPlan.builder(uri).connections(2).threads(1).requests(requests).timeout(timeout).build(), s -> { });
    }
}
