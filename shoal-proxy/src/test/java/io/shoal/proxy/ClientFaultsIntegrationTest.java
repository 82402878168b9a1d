package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.ProxySettings;
import io.shoal.config.ServiceConfig;
import io.shoal.testing.RawBackends;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What a client does wrong is answered to that client and blamed on no server: a body that stops
 * arriving gets 408 after {@code client_body_timeout}, a small body is read whole before a server is
 * chosen (so slow clients hold no server connection), and requests pipelined before a malformed one
 * are answered first.
 */
class ClientFaultsIntegrationTest {
    private static final String STALLED_POST = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nx";

    @Test
    void nineStalledBodiesBlameNoServerAndOtherClientsKeepSucceeding() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b")) {
            ServiceConfig web = TestConfigs.withTimeouts(TestConfigs.service("web", BalanceConfig.of(Algorithm.ROUND_ROBIN),
                    List.of(TestConfigs.server(a.address()), TestConfigs.server(b.address()))),
                    Duration.ofSeconds(5), Duration.ofMillis(300));
            // No buffering, so that the stalled bodies do reach the servers, and a response timeout well
            // below the body timeout: the servers wait for bodies that never come, which is no fault of theirs.
            ProxySettings streaming = TestConfigs.bodies(Duration.ofSeconds(2), 0);
            try (RunningProxy proxy = new RunningProxy(TestConfigs.config(streaming,
                    List.of(TestConfigs.catchAll("web")), web))) {
                List<Socket> stalled = new ArrayList<>();
                try {
                    for (int i = 0; i < 9; i++) {
                        stalled.add(send(proxy.port(), STALLED_POST));
                    }
                    Awaitility.await().atMost(10, TimeUnit.SECONDS)
                            .until(() -> a.inFlight.get() + b.inFlight.get() == 9);

                    int sent = 0;
                    int failed = 0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while ((sent < 1000 || !allAnswered(stalled)) && System.nanoTime() < deadline) {
                        failed += proxy.get("/").statusCode() == 200 ? 0 : 1;
                        sent++;
                    }

                    assertThat(sent).isGreaterThanOrEqualTo(1000);
                    assertThat(failed).as("failed of %d other requests", sent).isZero();
                    for (Socket client : stalled) {
                        assertThat(RawHttp.readUntilClose(client.getInputStream())).startsWith("HTTP/1.1 408 ");
                    }
                    for (Server server : proxy.topology.current().service("web").servers()) {
                        assertThat(server.traffic().failures()).as("failures of %s", server).isZero();
                        assertThat(server.isAvailable(System.nanoTime())).as("%s available", server).isTrue();
                    }
                } finally {
                    closeAll(stalled);
                }
            }
        }
    }

    @Test
    void slowBodiesUnderTheBufferSizeHoldNoBackendConnection() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (RawBackends.Misbehaving backend = RawBackends.keepAlive(received, RawBackends.OK);
             RunningProxy proxy = new RunningProxy(TestConfigs.web(TestConfigs.threads(1), backend.address()))) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    slow.add(send(proxy.port(), STALLED_POST));
                }
                Awaitility.await().atMost(60, TimeUnit.SECONDS)
                        .until(() -> proxy.server.connectionStats().reading() == 1000);

                assertThat(backend.connections()).as("backend connections while 1000 bodies are incomplete").isZero();

                for (Socket client : slow) { // one after the other: each then reuses the pooled connection
                    client.getOutputStream().write("123456789".getBytes(StandardCharsets.US_ASCII));
                    assertThat(readAnswer(client.getInputStream())).startsWith("HTTP/1.1 200 ").endsWith("ok");
                }
                assertThat(received).hasSize(1000).allMatch(request -> request.endsWith("\r\n\r\nx123456789"));
            } finally {
                closeAll(slow);
            }
        }
    }

    @Test
    void aBodyThatStopsArrivingGets408AndNeverReachesAServer() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (RawBackends.Misbehaving backend = RawBackends.keepAlive(received, RawBackends.OK);
             RunningProxy proxy = new RunningProxy(TestConfigs.config(
                     TestConfigs.bodies(Duration.ofMillis(300), ProxySettings.defaults().clientBodyBufferBytes()),
                     List.of(TestConfigs.catchAll("web")), TestConfigs.service("web",
                             BalanceConfig.of(Algorithm.ROUND_ROBIN), List.of(TestConfigs.server(backend.address())))));
             Socket client = send(proxy.port(), STALLED_POST)) {
            client.setSoTimeout(10_000);

            assertThat(RawHttp.readUntilClose(client.getInputStream())).startsWith("HTTP/1.1 408 ");
            assertThat(backend.connections()).isZero();
        }
    }

    @Test
    void aBufferedBodyThatExpectsContinueGetsOneContinue() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (RawBackends.Misbehaving backend = RawBackends.keepAlive(received, RawBackends.OK);
             RunningProxy proxy = new RunningProxy(TestConfigs.web(TestConfigs.threads(1), backend.address()));
             Socket client = send(proxy.port(),
                     "PUT /doc HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")) {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");

            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));

            assertThat(readAnswer(in)).isEqualTo(RawBackends.OK);
            assertThat(received).singleElement().satisfies(request ->
                    assertThat(request).doesNotContainIgnoringCase("expect").endsWith("\r\n\r\nhello"));
        }
    }

    @Test
    void requestsPipelinedBeforeAMalformedOneAreAnsweredFirstInOrder() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (RawBackends.Misbehaving backend = RawBackends.keepAlive(received, RawBackends.OK);
             RunningProxy proxy = new RunningProxy(TestConfigs.web(TestConfigs.threads(1), backend.address()))) {
            String answers = RawHttp.exchange(proxy.port(), "GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /second HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /bad HTTP/1.1\r\nHost: x\r\nX(Name): v\r\n\r\n"
                    + "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(answers).startsWith(RawBackends.OK + RawBackends.OK + "HTTP/1.1 400 ")
                    .doesNotContain("<still open>");
            assertThat(received).hasSize(2);
            assertThat(received.get(0)).startsWith("GET /first ");
            assertThat(received.get(1)).startsWith("POST /second ").endsWith("abc");
        }
    }

    private static Socket send(int port, String request) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    private static boolean allAnswered(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            if (socket.getInputStream().available() == 0) {
                return false;
            }
        }
        return true;
    }

    /** One answer the size of {@link RawBackends#OK}, or what came before the connection closed. */
    private static String readAnswer(InputStream in) throws IOException {
        return new String(in.readNBytes(RawBackends.OK.length()), StandardCharsets.ISO_8859_1);
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
