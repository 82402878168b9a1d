package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.QueueConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HAProxy's maxconn + queue: past max_conns requests wait, a full queue or a queue timeout gives 503. */
class MaxConnsQueueIntegrationTest {
    private TestBackend backend;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("b");
        ServerConfig one = TestConfigs.server(backend.address());
        ServerConfig limited = new ServerConfig(one.address(), 1, false, 1, one.maxFails(), one.failTimeout());
        ServiceConfig base = TestConfigs.service("web", BalanceConfig.of(Algorithm.ROUND_ROBIN), List.of(limited));
        ServiceConfig service = new ServiceConfig(base.name(), base.servers(), base.balance(), null, base.timeouts(),
                base.retry(), new QueueConfig(1, Duration.ofMillis(1500)), base.pool(), base.health(), null, null, null,
                ServiceConfig.Protocol.HTTP_1_1);
        proxy = new RunningProxy(TestConfigs.config(List.of(TestConfigs.catchAll("web")), service));
    }

    @AfterEach
    void stop() {
        proxy.close();
        backend.close();
    }

    private CompletableFuture<HttpResponse<String>> send(String path) {
        return proxy.client.sendAsync(HttpRequest.newBuilder(proxy.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestWaitsForTheSlotAndTheNextOneFindsTheQueueFull() throws Exception {
        CompletableFuture<HttpResponse<String>> holding = send("/slow?ms=700");
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> backend.inFlight.get() == 1);
        CompletableFuture<HttpResponse<String>> waiting = send("/queued");
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> proxy.server.queued("web") == 1);

        HttpResponse<String> refused = proxy.get("/refused");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(holding.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(waiting.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(backend.receivedPaths).containsExactly("/slow?ms=700", "/queued");
    }

    @Test
    void aQueuedRequestGets503WhenTheQueueTimeoutPasses() throws Exception {
        CompletableFuture<HttpResponse<String>> holding = send("/slow?ms=3000");
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> backend.inFlight.get() == 1);

        long start = System.nanoTime();
        HttpResponse<String> timedOut = proxy.get("/queued");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(timedOut.statusCode()).isEqualTo(503);
        assertThat(millis).as("not before the queue timeout").isGreaterThanOrEqualTo(1400L);
        assertThat(holding).as("the request holding the connection").isNotDone();
        assertThat(holding.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(backend.receivedPaths).containsExactly("/slow?ms=3000");
    }
}
