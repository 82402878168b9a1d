package io.shoal.proxy.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.shoal.config.BalanceConfig;
import io.shoal.config.CertificateConfig;
import io.shoal.config.RouteConfig;
import io.shoal.config.TlsConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.proxy.tls.TlsClients;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.NettyTestServer;
import io.shoal.testing.TestConfigs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 from clients to HTTP/1.1 servers over real sockets: by ALPN on a TLS listener, with prior
 * knowledge on a plain one, with real clients (curl, the JDK's HttpClient).
 */
class Http2IntegrationTest {
    @TempDir
    static Path dir;
    static Issued localhost;

    private TestBackend backend;
    private RunningProxy proxy;

    @BeforeAll
    static void certificates() {
        localhost = TestCertificates.issue(dir, "localhost", "localhost");
    }

    private void startTls(boolean http2) throws Exception {
        backend = new TestBackend("b");
        TlsConfig tls = TlsConfig.of(List.of(new CertificateConfig(localhost.cert(), localhost.key())));
        var config = TestConfigs.withTls(TestConfigs.web(TestConfigs.threads(1), backend.address()), tls);
        proxy = new RunningProxy(http2 ? config : TestConfigs.withoutHttp2(config));
    }

    private void startH2c() throws Exception {
        backend = new TestBackend("b");
        proxy = new RunningProxy(TestConfigs.withH2c(TestConfigs.web(TestConfigs.threads(1), backend.address())));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void curlGetsHttp2OverTlsAndA200FromAnHttp11Backend() throws Exception {
        startTls(true);

        assertThat(curl("--http2", "--cacert", localhost.cert().toString(), "https://localhost:" + proxy.port() + "/"))
                .isEqualTo("200 2 b");
        assertThat(backend.receivedHeaders.get(0).get("X-forwarded-proto")).containsExactly("https");
        assertThat(backend.receivedHeaders.get(0).get("Host")).containsExactly("localhost:" + proxy.port());
    }

    @Test
    void h2loadOverTlsCompletesEveryRequest() throws Exception {
        // A Netty backend (the JDK's HttpServer would be most of what the load measures), and leak detection by
        // sampling: paranoid detection records every buffer access, which makes 100,000 requests take a minute.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try (NettyTestServer fast = NettyTestServer.start(NettyTestServer.Protocol.HTTP, null, Duration.ZERO)) {
            TlsConfig tls = TlsConfig.of(List.of(new CertificateConfig(localhost.cert(), localhost.key())));
            proxy = new RunningProxy(TestConfigs.withTls(TestConfigs.web(TestConfigs.threads(1), "127.0.0.1:" + fast.port()), tls));

            Process h2load = new ProcessBuilder("h2load", "-n", "100000", "-c", "10", "-m", "10",
                    "https://127.0.0.1:" + proxy.port() + "/").redirectErrorStream(true).start();
            String output = new String(h2load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(h2load.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(output).contains("Application protocol: h2")
                    .contains("requests: 100000 total, 100000 started, 100000 done, 100000 succeeded, 0 failed, 0 errored")
                    .contains("status codes: 100000 2xx");
            assertThat(fast.requests).hasValue(100_000);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    @Test
    void aListenerWithoutHttp2OffersOnlyHttp11() throws Exception {
        startTls(false);

        assertThat(curl("--http2", "--cacert", localhost.cert().toString(), "https://localhost:" + proxy.port() + "/"))
                .isEqualTo("200 1.1 b");
    }

    @Test
    void aPlainListenerTakesHttp2WithPriorKnowledgeBesideHttp11() throws Exception {
        startH2c();

        assertThat(curl("--http2-prior-knowledge", "http://127.0.0.1:" + proxy.port() + "/")).isEqualTo("200 2 b");
        assertThat(curl("--http1.1", "http://127.0.0.1:" + proxy.port() + "/")).isEqualTo("200 1.1 b");
        assertThat(backend.receivedHeaders.get(0).get("X-forwarded-proto")).containsExactly("http");
    }

    @Test
    void concurrentStreamsOnOneConnectionEachReachTheBackend() throws Exception {
        startTls(true);
        HttpClient client = http2Client();
        // The JDK's client learns that a server speaks HTTP/2 from its first connection; then it has one.
        assertThat(client.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString())
                .version()).isEqualTo(HttpClient.Version.HTTP_2);

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(uri("/echo?i=" + i))
                    .POST(HttpRequest.BodyPublishers.ofString("body " + i)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = responses.get(i).get(20, TimeUnit.SECONDS);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("body " + i);
        }
        assertThat(proxy.server.connectionStats().listeners().get(0).accepted()).isEqualTo(1);
    }

    @Test
    void aBodyOfUnannouncedLengthReachesTheBackendChunked() throws Exception {
        startTls(true);
        byte[] body = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> response = http2Client().send(HttpRequest.newBuilder(uri("/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("200000");
        assertThat(backend.receivedHeaders.get(0).get("Transfer-encoding")).containsExactly("chunked");
    }

    @Test
    void aRequestWithNoRouteGets404OnItsStreamAndTheConnectionServesOn() throws Exception {
        backend = new TestBackend("b");
        RouteConfig app = new RouteConfig(null, "/app", Map.of(), false, List.of(new RouteConfig.WeightedService("web", 1)));
        proxy = new RunningProxy(TestConfigs.withH2c(TestConfigs.config(TestConfigs.threads(1), List.of(app),
                TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(backend.address()))))));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

        String base = "http://127.0.0.1:" + proxy.port();
        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base + "/nowhere"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/app/x")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(backend.requests).hasValue(1);
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + proxy.port() + path);
    }

    private static HttpClient http2Client() throws Exception {
        HttpClient trusting = TlsClients.trusting(localhost.cert());
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(trusting.sslContext()).build();
    }

    /** curl's status, HTTP version and body, in that order. */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-w", "\n%{http_code} %{http_version}"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        int lastLine = output.lastIndexOf('\n');
        return output.substring(lastLine + 1) + " " + output.substring(0, lastLine);
    }
}
