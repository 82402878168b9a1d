package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.ShoalConfig;
import io.shoal.proxy.log.AccessLog;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Topology;
import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An access log that cannot be written (a FIFO nobody reads: opening it waits for a reader for ever)
 * costs lines, never requests or memory: the queue stops at its capacity and the rest are counted.
 */
class AccessLogSlowDiskIntegrationTest {
    private static final int CLIENTS = 4;
    private static final int REQUESTS_EACH = 5_000;
    private static final int REQUESTS = CLIENTS * REQUESTS_EACH;

    @Test
    void aFifoNobodyReadsDropsLinesAndKeepsServing(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("access.log");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        try (TestBackend backend = new TestBackend("b")) {
            ShoalConfig base = TestConfigs.simple(Algorithm.ROUND_ROBIN, backend);
            AccessLogConfig log = new AccessLogConfig(fifo.toString(), AccessLogConfig.Format.COMBINED);
            ShoalConfig config = new ShoalConfig("test", base.proxy(), base.listeners(), base.services(), log);
            try (AccessLog accessLog = AccessLog.open(log);
                 ProxyServer server = new ProxyServer(config, Topology.of(config), accessLog)) {
                URI uri = URI.create("http://127.0.0.1:" + server.start().get(0).getPort() + "/");

                assertThat(sendAll(uri)).isEqualTo(REQUESTS);

                Awaitility.await().atMost(10, TimeUnit.SECONDS)
                        .until(() -> accessLog.queued() + accessLog.dropped() == REQUESTS);
                assertThat(accessLog.queued()).isEqualTo(AccessLog.QUEUE_CAPACITY);
                assertThat(accessLog.dropped()).isEqualTo(REQUESTS - AccessLog.QUEUE_CAPACITY);

                // A reader at last: the writer's open() returns and the queued lines come out.
                try (BufferedReader reader = Files.newBufferedReader(fifo)) {
                    assertThat(reader.readLine()).contains("\"GET / HTTP/1.1\" 200");
                    CompletableFuture<Long> otherLines = CompletableFuture.supplyAsync(() -> reader.lines().count());
                    accessLog.close(); // writes what is queued, then closes the FIFO: the reader sees its end
                    assertThat(1 + otherLines.get(30, TimeUnit.SECONDS)).isEqualTo(AccessLog.QUEUE_CAPACITY);
                }
            }
        }
    }

    /** Sends every request on {@link #CLIENTS} keep-alive connections; returns how many got a 200. */
    private static int sendAll(URI uri) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<CompletableFuture<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(CompletableFuture.supplyAsync(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int ok = 0;
                for (int i = 0; i < REQUESTS_EACH; i++) {
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofString());
                        ok += response.statusCode() == 200 ? 1 : 0;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return ok;
            }, threads));
        }
        try {
            int ok = 0;
            for (CompletableFuture<Integer> client : clients) {
                ok += client.get(5, TimeUnit.MINUTES);
            }
            return ok;
        } finally {
            threads.shutdownNow();
        }
    }
}
