package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.ShoalConfig;
import io.shoal.proxy.log.AccessLog;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Topology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access log lines in nginx's combined format plus upstream fields, or JSON, written off the request path. */
class AccessLogIntegrationTest {

    private List<String> logRequests(Path file, AccessLogConfig.Format format, int count) throws Exception {
        try (TestBackend backend = new TestBackend("b")) {
            ShoalConfig base = TestConfigs.simple(Algorithm.ROUND_ROBIN, backend);
            AccessLogConfig log = new AccessLogConfig(file.toString(), format);
            ShoalConfig config = new ShoalConfig("test", base.proxy(), base.listeners(), base.services(), log);
            try (AccessLog accessLog = AccessLog.open(log);
                 ProxyServer server = new ProxyServer(config, Topology.of(config), accessLog)) {
                int port = server.start().get(0).getPort();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int i = 0; i < count; i++) {
                    client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/page?n=" + i))
                            .header("User-Agent", "shoal-test").header("Referer", "http://ref/").build(),
                            HttpResponse.BodyHandlers.ofString());
                }
                Awaitility.await().atMost(5, TimeUnit.SECONDS)
                        .until(() -> Files.exists(file) && Files.readAllLines(file).size() == count);
                List<String> lines = Files.readAllLines(file);
                assertThat(lines.get(0)).contains(backend.address());
                return lines;
            }
        }
    }

    @Test
    void combinedFormatWithUpstreamFields(@TempDir Path dir) throws Exception {
        List<String> lines = logRequests(dir.resolve("access.log"), AccessLogConfig.Format.COMBINED, 3);

        assertThat(lines.get(0)).matches("127\\.0\\.0\\.1 - - \\[[^]]+] \"GET /page\\?n=0 HTTP/1\\.1\" 200 1 "
                + "\"http://ref/\" \"shoal-test\" \"127\\.0\\.0\\.1:\\d+\" 200 \\d+\\.\\d{3} \\d+\\.\\d{3}");
        assertThat(lines.get(2)).contains("/page?n=2");
    }

    @Test
    void anHttp2RequestIsLoggedAsHttp2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        try (TestBackend backend = new TestBackend("b")) {
            ShoalConfig base = TestConfigs.withH2c(TestConfigs.simple(Algorithm.ROUND_ROBIN, backend));
            AccessLogConfig log = new AccessLogConfig(file.toString(), AccessLogConfig.Format.COMBINED);
            ShoalConfig config = new ShoalConfig("test", base.proxy(), base.listeners(), base.services(), log);
            try (AccessLog accessLog = AccessLog.open(log);
                 ProxyServer server = new ProxyServer(config, Topology.of(config), accessLog)) {
                int port = server.start().get(0).getPort();
                Process curl = new ProcessBuilder("curl", "-sS", "--http2-prior-knowledge", "-o", "/dev/null",
                        "http://127.0.0.1:" + port + "/h2").start();
                assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();

                Awaitility.await().atMost(5, TimeUnit.SECONDS)
                        .until(() -> Files.exists(file) && Files.readAllLines(file).size() == 1);
                assertThat(Files.readAllLines(file).get(0)).contains("\"GET /h2 HTTP/2.0\" 200 1 ");
            }
        }
    }

    @Test
    void jsonLines(@TempDir Path dir) throws Exception {
        List<String> lines = logRequests(dir.resolve("access.json"), AccessLogConfig.Format.JSON, 2);

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(1));
        assertThat(json.get("method").asText()).isEqualTo("GET");
        assertThat(json.get("uri").asText()).isEqualTo("/page?n=1");
        assertThat(json.get("status").asInt()).isEqualTo(200);
        assertThat(json.get("upstream_status").asInt()).isEqualTo(200);
        assertThat(json.get("user_agent").asText()).isEqualTo("shoal-test");
    }
}
