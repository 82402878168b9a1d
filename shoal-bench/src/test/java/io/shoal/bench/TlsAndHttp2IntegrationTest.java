package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.bench.internal.TextSummary;
import io.shoal.testing.NettyTestServer;
import io.shoal.testing.NettyTestServer.Protocol;
import io.shoal.testing.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code shoal bench} over HTTPS and HTTP/2 against Netty servers on loopback: bounded runs complete every request
 * and name the protocol, {@code --streams} really overlaps streams on one connection, {@code --no-keep-alive} over
 * TLS counts one handshake per request, and a server that does not choose h2 by ALPN stops the run with its choice.
 */
class TlsAndHttp2IntegrationTest {
    @TempDir
    static Path dir;
    static TestCertificates.Issued certificate;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void issue() {
        certificate = TestCertificates.issue(dir, "shop.example.test", "shop.example.test", "localhost");
    }

    private int run(String... args) {
        return new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void httpsCompletesEveryRequestAndSendsTheHostAsSni() throws Exception {
        // SNI carries names with a dot only (RFC 6066 section 3, and both OpenSSL's and the JDK's clients), so the
        // URL names a site and --connect-to sends its connections to the loopback server.
        try (NettyTestServer server = NettyTestServer.start(Protocol.HTTPS, certificate, Duration.ZERO)) {
            int code = run("-n", "200", "-c", "4", "-t", "1", "--json", dir.resolve("https.json").toString(),
                    "--connect-to", "127.0.0.1:" + server.port(), "https://shop.example.test/");

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).containsPattern("Protocol +HTTP/1.1\\R").containsPattern("TLS +TLSv1\\.[23], ")
                    .contains("200 answered").containsPattern("Failures +0 of 200");
            assertThat(server.requests).hasValue(200);
            assertThat(server.serverNames).hasSize(4).containsOnly("shop.example.test");
            JsonNode json = new ObjectMapper().readTree(dir.resolve("https.json").toFile());
            assertThat(json.path("protocol").asText()).isEqualTo("HTTP/1.1");
            assertThat(json.path("tls").path("version").asText()).startsWith("TLSv1.");
        }
    }

    @Test
    void h2OverTlsByAlpn() throws Exception {
        try (NettyTestServer server = NettyTestServer.start(Protocol.H2, certificate, Duration.ZERO)) {
            BenchResult result = Bench.run(plan(server).requests(300).connections(2).streams(5)
                    .body("hello".getBytes(StandardCharsets.US_ASCII)).instanceKey(InstanceKey.header("X-Server")).build(), s -> { });
            System.out.print(TextSummary.of(result));

            assertThat(result.protocol()).isEqualTo("h2");
            assertThat(result.responses()).isEqualTo(300);
            assertThat(result.statuses()).containsEntry(200, 300L);
            assertThat(result.failures()).isZero();
            assertThat(result.tls()).isPresent();
            assertThat(server.requests).hasValue(300);
            assertThat(server.handshakes).hasValue(2);
            assertThat(server.requestBodyBytes).hasValue(300 * 5);
            assertThat(result.instances()).isEqualTo(Map.of("netty", 300L));
        }
    }

    @Test
    void h2cWithPriorKnowledge() throws Exception {
        try (NettyTestServer server = NettyTestServer.start(Protocol.H2C, null, Duration.ZERO)) {
            BenchResult result = Bench.run(plan(server).requests(300).connections(3)
                    .instanceKey(InstanceKey.jsonField("instance")).build(), s -> { });

            assertThat(result.protocol()).isEqualTo("h2c");
            assertThat(result.instances()).isEqualTo(Map.of("netty", 300L));
            assertThat(result.responses()).isEqualTo(300);
            assertThat(result.failures()).isZero();
            assertThat(result.tls()).isEmpty();
            assertThat(TextSummary.of(result)).containsPattern("Protocol +h2c\\R");
        }
    }

    @Test
    void theTimelineCountsConnectionsNotStreams() throws Exception {
        try (NettyTestServer server = NettyTestServer.start(Protocol.H2C, null, Duration.ZERO)) {
            BenchResult result = Bench.run(plan(server).connections(2).streams(5).duration(Duration.ofMillis(1200)).build(), s -> { });

            assertThat(result.timeline().get(0).connections()).isEqualTo(2);
            assertThat(server.connections).hasValue(2);
        }
    }

    @Test
    void tenStreamsAreOpenAtOnceOnOneConnection() throws Exception {
        // Answers held back 200 ms: the ten streams the client opens at once are all still waiting when the tenth arrives.
        try (NettyTestServer server = NettyTestServer.start(Protocol.H2C, null, Duration.ofMillis(200))) {
            int code = run("--h2", "--streams", "10", "-c", "1", "-n", "30", "-t", "1", server.uri("/").toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).containsPattern("Protocol +h2c, 10 streams per connection").contains("30 answered");
            assertThat(server.maxConcurrentStreams).hasValue(10);
        }
    }

    @Test
    void requestsAServerDidNotProcessBeforeItsGoAwayAreSentAgain() throws Exception {
        // Each connection goes away at its third request while the client has ten streams open: the seven above the
        // GOAWAY's last stream id were never processed, and a client sends them again on a new connection.
        try (NettyTestServer server = NettyTestServer.start(Protocol.H2C, null, Duration.ofMillis(20)).goAwayAfter(3)) {
            BenchResult result = Bench.run(plan(server).requests(40).connections(1).streams(10).build(), s -> { });
            System.out.print(TextSummary.of(result));

            assertThat(server.goAways.get()).isGreaterThanOrEqualTo(2);
            assertThat(result.failureKinds()).isEmpty();
            assertThat(result.responses()).isEqualTo(40);
            assertThat(server.requests).hasValue(40);
        }
    }

    @Test
    void aStreamThatTimesOutIsCancelledAndTheConnectionKept() throws Exception {
        try (NettyTestServer server = NettyTestServer.start(Protocol.H2C, null, Duration.ofMillis(400))) {
            BenchResult result = Bench.run(plan(server).requests(3).connections(1).timeout(Duration.ofMillis(100)).build(), s -> { });

            assertThat(result.errors()).isEqualTo(Map.of(ErrorKind.TIMEOUT, 3L));
            assertThat(server.connections).hasValue(1);
            await().untilAsserted(() -> assertThat(server.streamResets).hasValue(3));
        }
    }

    @Test
    void noKeepAliveOverTlsReportsOneHandshakePerRequest() throws Exception {
        try (NettyTestServer server = NettyTestServer.start(Protocol.HTTPS, certificate, Duration.ZERO)) {
            BenchResult result = Bench.run(plan(server).httpVersion(LoadPlan.HttpVersion.HTTP_1_1)
                    .keepAlive(false).requests(60).connections(3).build(), s -> { });
            System.out.print(TextSummary.of(result));

            assertThat(result.responses()).isEqualTo(60);
            assertThat(result.failures()).isZero();
            assertThat(server.handshakes).hasValue(60);
            assertThat(result.handshakes()).isEqualTo(60);
            assertThat(result.handshakesPerSecond()).isEqualTo(60 / (result.elapsed().toNanos() / 1e9));
            assertThat(TextSummary.of(result)).containsPattern("Handshakes +60 TLS handshakes: [0-9,.]+/s");
        }
    }

    @Test
    void noKeepAliveOverH2OpensAConnectionPerRequest() throws Exception {
        try (NettyTestServer server = NettyTestServer.start(Protocol.H2, certificate, Duration.ZERO)) {
            BenchResult result = Bench.run(plan(server).keepAlive(false).requests(20).connections(2).build(), s -> { });

            assertThat(result.responses()).isEqualTo(20);
            assertThat(result.failures()).isZero();
            assertThat(server.handshakes).hasValue(20);
            assertThat(result.handshakes()).isEqualTo(20);
        }
    }

    @Test
    void aServerThatDoesNotChooseH2SaysWhatItChose() throws Exception {
        try (NettyTestServer server = NettyTestServer.start(Protocol.HTTPS, certificate, Duration.ZERO)) {
            int code = run("--h2", "-n", "10", "-c", "2", "-t", "1", server.uri("/").toString());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("shoal bench: --h2: localhost:" + server.port() + " chose 'http/1.1' by ALPN")
                    .contains("run without --h2");
            assertThat(server.requests).as("no HTTP/2 preface reaches an HTTP/1.1 server").hasValue(0);
            await().untilAsserted(() -> assertThat(server.handshakes.get()).isGreaterThanOrEqualTo(2));
            assertThat(server.handshakes).as("the run stops at the first connections").hasValue(2);
        }
    }

    private static LoadPlan.Builder plan(NettyTestServer server) {
        return LoadPlan.builder(server.uri("/")).httpVersion(LoadPlan.HttpVersion.HTTP_2).threads(1);
    }
}
