package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.BalanceConfig;
import io.shoal.proxy.stats.ConnectionStats;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** stub_status figures over real connections: accepts, handled, requests, and reading / writing / waiting. */
class ConnectionStatsIntegrationTest {
    private TestBackend backend;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("a");
        proxy = new RunningProxy(TestConfigs.simple(BalanceConfig.Algorithm.ROUND_ROBIN, backend));
    }

    @AfterEach
    void stop() {
        proxy.close();
        backend.close();
    }

    @Test
    void followsEachConnectionThroughItsPhases() throws Exception {
        ConnectionStats stats = proxy.server.connectionStats();
        try (Socket idle = connect(); Socket uploading = connect(); Socket slow = connect()) {
            send(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(readHead(idle.getInputStream())).startsWith("HTTP/1.1 200");
            send(uploading, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
            send(slow, "GET /slow?ms=3000 HTTP/1.1\r\nHost: x\r\n\r\n");

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(stats.active()).isEqualTo(3);
                assertThat(stats.reading()).isEqualTo(1);
                assertThat(stats.writing()).isEqualTo(1);
                assertThat(stats.waiting()).isEqualTo(1);
                assertThat(stats.requests()).isEqualTo(3);
            });
            assertThat(stats.accepts()).isEqualTo(3);
            assertThat(stats.handled()).isEqualTo(3);

            send(uploading, "defghij");
            assertThat(readHead(uploading.getInputStream())).startsWith("HTTP/1.1 200");
            await().atMost(Duration.ofSeconds(2)).until(() -> stats.reading() == 0 && stats.waiting() == 2);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> stats.active() == 0);
        assertThat(stats.reading() + stats.writing() + stats.waiting()).isZero();
    }

    @Test
    void aContinueDoesNotEndTheExchange() throws Exception {
        ConnectionStats stats = proxy.server.connectionStats();
        try (Socket client = connect()) {
            send(client, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 100");
            assertThat(stats.reading()).isEqualTo(1);
            send(client, "hello");
            assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 200");
            await().atMost(Duration.ofSeconds(2)).until(() -> stats.reading() == 0 && stats.waiting() == 1);
        }
    }

    private Socket connect() throws Exception {
        Socket socket = new Socket("127.0.0.1", proxy.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The status line and headers of the next response. */
    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
