package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.AccessLogConfig;
import io.shoal.config.BalanceConfig;
import io.shoal.config.HostPort;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.RedirectConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.testing.RawBackends;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Topology;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A redirecting listener answers every request itself with the same host and target over HTTPS,
 * keeps bodiless HTTP/1.1 connections open, and never reaches a backend.
 */
class RedirectIntegrationTest {
    private final List<String> backendReceived = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RawBackends.Misbehaving backend;
    private Topology topology;
    private ProxyServer proxy;
    private int permanent;
    private int keepsMethod;

    /** Listener 0: the default 301 to port 443; listener 1: 308 to port 8443. A service exists, unreached. */
    @BeforeEach
    void start() throws Exception {
        backend = RawBackends.records(backendReceived);
        ShoalConfig config = new ShoalConfig("test", ProxySettings.defaults(), List.of(
                redirecting(RedirectConfig.https()), redirecting(new RedirectConfig(308, 8443))),
                Map.of("web", TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(backend.address())))), AccessLogConfig.off());
        topology = Topology.of(config);
        proxy = new ProxyServer(config, topology, AccessLog.off());
        List<InetSocketAddress> ports = proxy.start();
        permanent = ports.get(0).getPort();
        keepsMethod = ports.get(1).getPort();
    }

    private static ListenerConfig redirecting(RedirectConfig redirect) {
        return new ListenerConfig(new HostPort("127.0.0.1", 0), List.of(), Optional.empty(), Optional.of(redirect), Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        topology.close();
        backend.close();
    }

    @Test
    void twoRedirectsOnOneConnectionKeepHostWithoutPortAndTheTarget() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", permanent)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(ascii("GET /a/b?x=1&y=%20 HTTP/1.1\r\nHost: Example.COM:8080\r\n\r\n"));
            assertThat(RawBackends.readHead(in)).isEqualTo("HTTP/1.1 301 Moved Permanently\r\n"
                    + "Location: https://example.com/a/b?x=1&y=%20\r\nContent-Length: 0\r\nServer: shoal\r\n\r\n");

            out.write(ascii("HEAD / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n"));
            assertThat(RawBackends.readHead(in)).startsWith("HTTP/1.1 301 Moved Permanently\r\n"
                    + "Location: https://[::1]/\r\n");
        }
        assertThat(proxy.connectionStats().listeners().get(0).accepted()).isEqualTo(1);
        assertThat(backendReceived).isEmpty();
        assertThat(backend.connections()).isZero();
    }

    @Test
    void absoluteFormTargetRedirectsToItsAuthorityAndPath() throws Exception {
        String response = RawHttp.exchange(permanent,
                "GET http://other.example:8080/p?q HTTP/1.1\r\nHost: ignored.example\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 301 Moved Permanently\r\nLocation: https://other.example/p?q\r\n")
                .contains("Connection: close\r\n");
    }

    @Test
    void redirect308KeepsMethodAndNamesThePortAndTheBodyIsNotForwarded() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + keepsMethod + "/upload?id=7"))
                .POST(HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).contains("https://127.0.0.1:8443/upload?id=7");
        assertThat(response.body()).isEmpty();
        assertThat(backendReceived).isEmpty();
        ListenerStats stats = proxy.connectionStats().listeners().get(1);
        assertThat(stats.responses(3)).isEqualTo(1);
        assertThat(stats.requests()).isEqualTo(1);
    }

    @Test
    void requestWithoutHostGets400() throws Exception {
        String response = RawHttp.exchange(permanent, "GET /a HTTP/1.0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(proxy.connectionStats().listeners().get(0).responses(4)).isEqualTo(1);
        assertThat(backendReceived).isEmpty();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
