package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.BalanceConfig;
import io.shoal.config.HostPort;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.RouteConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.stats.ConnectionStats;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Topology;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each listener counts its own sessions, requests, bytes and responses, over real sockets; the totals sum them. */
class ListenerStatsIntegrationTest {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    private TestBackend backend;
    private Topology topology;
    private ProxyServer proxy;
    private List<InetSocketAddress> ports;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("a");
        List<RouteConfig> everything = List.of(TestConfigs.catchAll("web"));
        List<RouteConfig> apiOnly = List.of(new RouteConfig(null, "/api", Map.of(), false,
                List.of(new RouteConfig.WeightedService("web", 1))));
        ShoalConfig config = new ShoalConfig("test", ProxySettings.defaults(), List.of(
                new ListenerConfig(new HostPort("127.0.0.1", 0), everything),
                new ListenerConfig(new HostPort("127.0.0.1", 0), apiOnly)),
                Map.of("web", TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(backend.address())))), AccessLogConfig.off());
        topology = Topology.of(config);
        proxy = new ProxyServer(config, topology, AccessLog.off());
        ports = proxy.start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        topology.close();
        backend.close();
    }

    @Test
    void eachListenerCountsOnlyItsOwnTraffic() throws Exception {
        ListenerStats first = proxy.connectionStats().listeners().get(0);
        ListenerStats second = proxy.connectionStats().listeners().get(1);
        assertThat(first.address()).isEqualTo("127.0.0.1:" + ports.get(0).getPort());
        assertThat(second.address()).isEqualTo("127.0.0.1:" + ports.get(1).getPort());

        String get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        long firstOut = 0;
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(new Socket("127.0.0.1", ports.get(0).getPort()));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> first.sessionsCurrent() == 3);
            for (Socket socket : open) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(get.getBytes(StandardCharsets.ISO_8859_1));
                firstOut += readResponse(socket.getInputStream());
            }
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }

        String routeMiss = "GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n";
        String malformed = "GET /api HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n";
        String notFound = RawHttp.exchange(ports.get(1).getPort(), routeMiss);
        String badRequest = RawHttp.exchange(ports.get(1).getPort(), malformed);
        assertThat(notFound).startsWith("HTTP/1.1 404");
        assertThat(badRequest).startsWith("HTTP/1.1 400");

        await().atMost(Duration.ofSeconds(5)).until(() -> first.sessionsCurrent() + second.sessionsCurrent() == 0);
        assertThat(first.sessionsMax()).isEqualTo(3);
        assertThat(first.accepted()).isEqualTo(3);
        assertThat(first.requests()).isEqualTo(3);
        assertThat(first.bytesIn()).isEqualTo(3L * get.length());
        assertThat(first.bytesOut()).isEqualTo(firstOut);
        assertThat(classes(first)).containsExactly(0L, 3L, 0L, 0L, 0L);
        assertThat(first.deniedRequests()).isZero();

        assertThat(second.sessionsMax()).isEqualTo(1);
        assertThat(second.accepted()).isEqualTo(2);
        assertThat(second.requests()).isEqualTo(2);
        assertThat(second.bytesIn()).isEqualTo(routeMiss.length() + malformed.length());
        assertThat(second.bytesOut()).isEqualTo(notFound.length() + badRequest.length());
        assertThat(classes(second)).containsExactly(0L, 0L, 0L, 2L, 0L);
        assertThat(second.deniedRequests()).isEqualTo(1);

        ConnectionStats totals = proxy.connectionStats();
        assertThat(totals.accepts()).isEqualTo(5);
        assertThat(totals.requests()).isEqualTo(5);
    }

    private static long[] classes(ListenerStats listener) {
        long[] counts = new long[5];
        for (int c = 1; c <= 5; c++) {
            counts[c - 1] = listener.responses(c);
        }
        return counts;
    }

    /** Reads one response with a Content-Length body; returns its size in bytes. */
    private static long readResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        Matcher length = CONTENT_LENGTH.matcher(head);
        assertThat(length.find()).isTrue();
        int body = Integer.parseInt(length.group(1));
        assertThat(in.readNBytes(body)).hasSize(body);
        return head.length() + body;
    }
}
