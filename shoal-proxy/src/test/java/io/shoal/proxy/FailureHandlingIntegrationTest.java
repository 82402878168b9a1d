package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.testing.RawBackends;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Servers die, hang and misbehave; clients must not notice when it is safe, and get the right status when not. */
class FailureHandlingIntegrationTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(0, resource);
        return resource;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private static ShoalConfig oneService(ServiceConfig service) {
        return TestConfigs.config(List.of(TestConfigs.catchAll(service.name())), service);
    }

    private static ServiceConfig web(String... addresses) {
        List<ServerConfig> servers = new ArrayList<>();
        for (String address : addresses) {
            servers.add(TestConfigs.server(address));
        }
        return TestConfigs.service("web", BalanceConfig.of(Algorithm.ROUND_ROBIN), servers);
    }

    @Test
    void killingOneBackendUnderAStreamOfGetsFailsNoRequest() throws Exception {
        TestBackend a = track(new TestBackend("a"));
        TestBackend b = track(new TestBackend("b"));
        TestBackend c = new TestBackend("c");
        RunningProxy proxy = track(new RunningProxy(oneService(web(a.address(), b.address(), c.address()))));

        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> streams = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            streams.add(clients.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    if (sent.incrementAndGet() == 200) {
                        c.close(); // the process dies: its socket and connections go away
                    }
                    try {
                        HttpResponse<String> response = proxy.get("/");
                        if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> stream : streams) {
            stream.get();
        }
        clients.shutdown();
        System.out.printf("killed one of 3 backends after 200 of 600 GETs: a=%d b=%d c=%d failed=%d%n",
                a.requests.get(), b.requests.get(), c.requests.get(), failed.get());
        assertThat(failed.get()).isZero();
        assertThat(a.requests.get() + b.requests.get() + c.requests.get()).isGreaterThanOrEqualTo(600);
        assertThat(c.requests.get()).isLessThan(a.requests.get());
    }

    @Test
    void aClientThatLeavesBeforeTheAnswerFreesItsServerAndItsUpstreamConnectionIsNotReused() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger closes = new AtomicInteger();
        RawBackends.Misbehaving slow = track(RawBackends.answersWhenReleased(release, closes));
        RunningProxy proxy = track(new RunningProxy(oneService(web(slow.address()))));
        io.shoal.topology.Server server = proxy.topology.current().services().get("web").servers().get(0);

        try (java.net.Socket client = new java.net.Socket("127.0.0.1", proxy.port())) {
            client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            client.getOutputStream().flush();
            org.awaitility.Awaitility.await().until(() -> slow.requests.get() == 1);
        }
        release.countDown();

        org.awaitility.Awaitility.await().untilAsserted(() -> {
            assertThat(closes.get()).isEqualTo(1);
            assertThat(server.inFlight()).isZero();
        });
        assertThat(proxy.get("/").statusCode()).isEqualTo(200);
        assertThat(slow.requests.get()).isEqualTo(2);
    }

    @Test
    void aPostWhoseBodyWasSentIsNeverReplayed() throws Exception {
        RawBackends.Misbehaving dropper = track(RawBackends.closesAfterBody());
        TestBackend healthy = track(new TestBackend("healthy"));
        RunningProxy proxy = track(new RunningProxy(oneService(web(dropper.address(), healthy.address()))));

        HttpResponse<String> response = proxy.client.send(HttpRequest.newBuilder(proxy.uri("/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":42}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(dropper.requests.get()).isEqualTo(1);
        assertThat(healthy.byMethod.get("POST")).isNull();
    }

    @Test
    void aGetIsRetriedOnAnotherServerWhenTheFirstDropsTheConnection() throws Exception {
        RawBackends.Misbehaving dropper = track(RawBackends.closesAfterBody());
        TestBackend healthy = track(new TestBackend("healthy"));
        RunningProxy proxy = track(new RunningProxy(oneService(web(dropper.address(), healthy.address()))));

        HttpResponse<String> response = proxy.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("healthy");
        assertThat(dropper.requests.get()).isEqualTo(1);
    }

    @Test
    void aBackendThatNeverAnswersGives504WithinTheResponseTimeout() throws Exception {
        RawBackends.Misbehaving silent = track(RawBackends.silent());
        ServiceConfig service = TestConfigs.withTimeouts(web(silent.address()), Duration.ofSeconds(1),
                Duration.ofMillis(800));
        RunningProxy proxy = track(new RunningProxy(oneService(service)));

        long start = System.nanoTime();
        HttpResponse<String> response = proxy.get("/");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("silent backend: %d after %d ms (response_timeout 800 ms)%n",
                response.statusCode(), elapsedMillis);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(elapsedMillis).as("not before the response timeout").isGreaterThanOrEqualTo(800L);
    }

    @Test
    void aRefusedConnectionGoesToTheNextServerAndMarksTheDeadOneFailed() throws Exception {
        TestBackend gone = new TestBackend("gone");
        String goneAddress = gone.address();
        gone.close();
        TestBackend healthy = track(new TestBackend("healthy"));
        RunningProxy proxy = track(new RunningProxy(oneService(web(goneAddress, healthy.address()))));

        for (int i = 0; i < 10; i++) {
            assertThat(proxy.get("/").body()).isEqualTo("healthy");
        }
        assertThat(healthy.requests.get()).isEqualTo(10);
    }

    @Test
    void whenEveryServerIsDownTheClientGets502() throws Exception {
        TestBackend gone = new TestBackend("gone");
        String goneAddress = gone.address();
        gone.close();
        RunningProxy proxy = track(new RunningProxy(oneService(web(goneAddress))));

        assertThat(proxy.get("/").statusCode()).isEqualTo(502);
    }

    @Test
    void backupServersTakeTrafficOnlyWhenEveryPrimaryIsDown() throws Exception {
        TestBackend primary = new TestBackend("primary");
        TestBackend backup = track(new TestBackend("backup"));
        ServerConfig backupServer = TestConfigs.server(backup.address());
        backupServer = new ServerConfig(backupServer.address(), 1, true, 0, 1, Duration.ofSeconds(10));
        ServiceConfig service = TestConfigs.service("web", BalanceConfig.of(Algorithm.ROUND_ROBIN),
                List.of(TestConfigs.server(primary.address()), backupServer));
        RunningProxy proxy = track(new RunningProxy(oneService(service)));

        for (int i = 0; i < 5; i++) {
            assertThat(proxy.get("/").body()).isEqualTo("primary");
        }
        primary.close();
        for (int i = 0; i < 5; i++) {
            assertThat(proxy.get("/").body()).isEqualTo("backup");
        }
        assertThat(backup.requests.get()).isEqualTo(5);
    }

    @Test
    void aMalformedResponseHeadBecomes502() throws Exception {
        RawBackends.Misbehaving garbage = track(RawBackends.answers("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        ServiceConfig service = web(garbage.address());
        RunningProxy proxy = track(new RunningProxy(oneService(service)));

        assertThat(proxy.get("/").statusCode()).isEqualTo(502);
    }

    @Test
    void aBodyCutShortClosesTheClientConnectionWithoutPadding() throws Exception {
        RawBackends.Misbehaving truncating = track(RawBackends.answers(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-twenty-bytes..."));
        RunningProxy proxy = track(new RunningProxy(oneService(web(truncating.address()))));

        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            byte[] all = socket.getInputStream().readAllBytes(); // returns only when the proxy closes
            String text = new String(all);
            assertThat(text).startsWith("HTTP/1.1 200").contains("Content-Length: 100").endsWith("only-twenty-bytes...");
        }
    }

    @Test
    void aBodyEndedByTheServersCloseReachesAnHttp11ClientChunkedAndAKeptConnection() throws Exception {
        RawBackends.Misbehaving closing = track(RawBackends.answers(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nX-Kept: yes\r\n\r\nbody ended by close"));
        RunningProxy proxy = track(new RunningProxy(oneService(web(closing.address()))));

        String response = RawHttp.exchange(proxy.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("X-Kept: yes\r\n")
                .contains("Transfer-Encoding: chunked\r\n").doesNotContainIgnoringCase("connection: close")
                .endsWith("\r\n\r\n13\r\nbody ended by close\r\n0\r\n\r\n<still open>");
    }
}
