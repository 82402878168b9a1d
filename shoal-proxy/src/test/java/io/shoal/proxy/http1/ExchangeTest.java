package io.shoal.proxy.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request path step by step on embedded channels (no sockets, no threads): retries, the queue,
 * interim responses, the switch to a tunnel, and backpressure both ways, each asserted as the exact
 * sequence of what the client and the servers receive.
 */
class ExchangeTest {
    private static final String FIRST = "127.0.0.1:1";
    private static final String SECOND = "127.0.0.1:2";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private EmbeddedProxy proxy;

    @AfterEach
    void close() {
        proxy.close();
    }

    private static ShoalConfig twoServers() {
        return TestConfigs.web(TestConfigs.threads(1), FIRST, SECOND);
    }

    @Test
    void aGetIsRetriedOnTheNextServerAfterABadAnswerAndTheBadConnectionIsClosed() {
        proxy = new EmbeddedProxy(twoServers());
        proxy.clientSends("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(proxy.serverReceived(0)).startsWith("GET /a HTTP/1.1\r\n");

        proxy.serverAnswers(0, "HTTP/1.1 2OO OK\r\n\r\n");

        assertThat(proxy.upstreams.get(0).isActive()).isFalse();
        assertThat(proxy.serverReceived(1)).startsWith("GET /a HTTP/1.1\r\n");
        assertThat(proxy.clientReceived()).isEmpty();

        proxy.serverAnswers(1, OK);

        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok");
        assertThat(failures(FIRST)).isEqualTo(1);
        assertThat(failures(SECOND)).isZero();
    }

    @Test
    void aPostWhoseHeadWentOutIsNeverReplayed() {
        proxy = new EmbeddedProxy(twoServers());
        proxy.clientSends("POST /order HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
        assertThat(proxy.serverReceived(0)).startsWith("POST /order ").endsWith("\r\n\r\nabc");

        proxy.upstreams.get(0).close(); // the server drops the connection without an answer

        assertThat(proxy.upstreams).hasSize(1);
        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 502 ");
    }

    @Test
    void aRefusedConnectionIsRetriedEvenForAPostSinceNothingWasSent() {
        proxy = new EmbeddedProxy(twoServers());
        proxy.refusing.add(FIRST);
        proxy.clientSends("POST /order HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");

        assertThat(proxy.upstreams).hasSize(1);
        assertThat(proxy.serverReceived(0)).startsWith("POST /order ").endsWith("abc");
        proxy.serverAnswers(0, OK);
        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 ");
        assertThat(failures(FIRST)).isEqualTo(1);
    }

    @Test
    void aRequestWaitsInTheQueueWhileTheServerIsAtMaxConnsAndGoesWhenASlotFrees() {
        proxy = new EmbeddedProxy(oneServerWithMaxConns(1));
        proxy.clientSends("GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
        proxy.openClient();
        proxy.clientSends(1, "GET /second HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(proxy.upstreams).hasSize(1);
        assertThat(proxy.serverReceived(0)).startsWith("GET /first ");

        proxy.serverAnswers(0, OK);
        assertThat(proxy.clientReceived(0)).endsWith("ok");
        assertThat(proxy.upstreams).hasSize(1);
        proxy.clients.get(1).runPendingTasks(); // the freed slot wakes the waiter on its own loop

        assertThat(proxy.upstreams).hasSize(2); // its loop's pool: connections are never shared across loops
        assertThat(proxy.serverReceived(1)).startsWith("GET /second ");
        proxy.serverAnswers(1, OK);
        assertThat(proxy.clientReceived(1)).startsWith("HTTP/1.1 200 ").endsWith("ok");
    }

    @Test
    void aQueuedRequestGets503WhenItsQueueTimeoutPasses() {
        proxy = new EmbeddedProxy(oneServerWithMaxConns(1));
        proxy.clientSends("GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
        proxy.openClient();
        proxy.clientSends(1, "GET /second HTTP/1.1\r\nHost: x\r\n\r\n");

        proxy.clients.get(1).advanceTimeBy(4, TimeUnit.SECONDS);
        proxy.clients.get(1).runScheduledPendingTasks();
        assertThat(proxy.clientReceived(1)).isEmpty();

        proxy.clients.get(1).advanceTimeBy(1, TimeUnit.SECONDS);
        proxy.clients.get(1).runScheduledPendingTasks();
        assertThat(proxy.clientReceived(1)).startsWith("HTTP/1.1 503 ");
        assertThat(proxy.upstreams).hasSize(1);
    }

    @Test
    void interimResponsesAreNotPassedOn() {
        proxy = new EmbeddedProxy(twoServers());
        proxy.clientSends("GET /page HTTP/1.1\r\nHost: x\r\n\r\n");

        proxy.serverAnswers(0, "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n" + OK);

        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("103", "100 Continue");
    }

    @Test
    void aWebSocketUpgradeBecomesATunnelBothWays() {
        proxy = new EmbeddedProxy(twoServers());
        proxy.clientSends("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertThat(proxy.serverReceived(0)).contains("\r\nUpgrade: websocket\r\n").containsIgnoringCase("connection: upgrade");

        proxy.serverAnswers(0, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 101 ").contains("Connection: upgrade\r\n");
        assertThat(proxy.client().pipeline().get(Http1Pipeline.PROXY)).isNull();

        proxy.clientSends("frame from the client");
        assertThat(proxy.serverReceived(0)).isEqualTo("frame from the client");
        proxy.serverAnswers(0, "frame from the server");
        assertThat(proxy.clientReceived()).isEqualTo("frame from the server");
    }

    @Test
    void aClientThatCannotTakeMoreStopsTheReadsFromTheServer() {
        proxy = new EmbeddedProxy(twoServers());
        proxy.clientSends("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
        proxy.serverAnswers(0, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
        EmbeddedProxy.setWritable(proxy.client(), false);
        proxy.client().runPendingTasks();
        int reads = proxy.readsOf(0);

        proxy.serverAnswers(0, "hello");

        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nhello");
        assertThat(proxy.readsOf(0)).as("reads from the server while the client is full").isEqualTo(reads);

        EmbeddedProxy.setWritable(proxy.client(), true);
        proxy.client().runPendingTasks();
        assertThat(proxy.readsOf(0)).isEqualTo(reads + 1);
        proxy.serverAnswers(0, "world");
        assertThat(proxy.clientReceived()).isEqualTo("world");
    }

    @Test
    void aServerThatCannotTakeMoreStopsTheReadsFromTheClient() {
        proxy = new EmbeddedProxy(twoServers());
        int bigger = 2 * TestConfigs.threads(1).clientBodyBufferBytes(); // streamed, not read whole first
        proxy.clientSends("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + bigger + "\r\n\r\nfirst");
        assertThat(proxy.serverReceived(0)).startsWith("PUT /upload ").endsWith("first");
        EmbeddedProxy.setWritable(proxy.upstreams.get(0), false);
        proxy.upstreams.get(0).runPendingTasks();
        int reads = proxy.clientReads();

        proxy.clientSends("second");

        assertThat(proxy.serverReceived(0)).isEqualTo("second");
        assertThat(proxy.clientReads()).as("reads from the client while the server is full").isEqualTo(reads);

        EmbeddedProxy.setWritable(proxy.upstreams.get(0), true);
        proxy.upstreams.get(0).runPendingTasks();
        assertThat(proxy.clientReads()).isEqualTo(reads + 1);
    }

    @Test
    void aWholeRequestKeepsAReadPendingDuringItsResponseAndAPipelinedOneStopsIt() {
        proxy = new EmbeddedProxy(twoServers());
        int atStart = proxy.clientReads();

        proxy.clientSends("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(proxy.clientReads()).as("read ahead once /a is whole").isEqualTo(atStart + 1);
        proxy.clientSends("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(proxy.clientReads()).as("no read while /b waits its turn").isEqualTo(atStart + 1);
        assertThat(proxy.serverReceived(0)).startsWith("GET /a ").doesNotContain("/b");

        proxy.serverAnswers(0, OK);

        assertThat(proxy.clientReceived()).isEqualTo(OK);
        assertThat(proxy.serverReceived(1)).startsWith("GET /b "); // round robin: the second server
        assertThat(proxy.clientReads()).as("reading again: /b is whole, nothing waits").isEqualTo(atStart + 2);
    }

    @Test
    void aWebSocketHandshakeReadsNothingAheadOfThe101() {
        proxy = new EmbeddedProxy(twoServers());
        int atStart = proxy.clientReads();

        proxy.clientSends("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");

        assertThat(proxy.clientReads()).as("what follows may be WebSocket frames, not a request").isEqualTo(atStart);
    }

    private static ShoalConfig oneServerWithMaxConns(int maxConns) {
        ServerConfig server = TestConfigs.server(FIRST);
        server = new ServerConfig(server.address(), 1, false, maxConns, server.maxFails(), server.failTimeout());
        return TestConfigs.config(TestConfigs.threads(1), List.of(TestConfigs.catchAll("web")),
                TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN), List.of(server)));
    }

    private long failures(String address) {
        for (Server server : proxy.topology.current().service("web").servers()) {
            if (server.toString().equals(address)) {
                return server.traffic().failures();
            }
        }
        throw new IllegalArgumentException(address);
    }
}
