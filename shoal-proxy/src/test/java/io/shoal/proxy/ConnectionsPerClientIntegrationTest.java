package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.Http2Config;
import io.shoal.config.ProxySettings;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** max_connections_per_client: an address past its limit has its new connections closed at once. */
class ConnectionsPerClientIntegrationTest {

    @Test
    void aThirdConnectionFromOneAddressIsClosedAndAPlaceFreesWhenOneCloses() throws Exception {
        ProxySettings d = ProxySettings.defaults();
        ProxySettings twoEach = new ProxySettings(1, d.clientHeaderTimeout(), d.clientBodyTimeout(), d.idleTimeout(),
                d.maxRequestLineBytes(), d.maxHeaderBytes(), d.clientBodyBufferBytes(), d.maxConnections(),
                d.trustedProxies(), Http2Config.defaults(), 2);
        try (TestBackend backend = new TestBackend("b");
             RunningProxy proxy = new RunningProxy(TestConfigs.web(twoEach, backend.address()));
             Socket first = new Socket("127.0.0.1", proxy.port());
             Socket second = new Socket("127.0.0.1", proxy.port())) {
            try (Socket third = new Socket("127.0.0.1", proxy.port())) {
                third.setSoTimeout(10_000);
                assertThat(third.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(answer(first)).startsWith("HTTP/1.1 200 ");
            second.close();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> proxy.server.connectionStats().listeners().get(0).sessionsCurrent() == 1);
            try (Socket again = new Socket("127.0.0.1", proxy.port())) {
                assertThat(answer(again)).startsWith("HTTP/1.1 200 ");
            }
            assertThat(proxy.server.connectionStats().listeners().get(0).accepted()).isEqualTo(4);
            assertThat(proxy.server.connectionStats().listeners().get(0).handled()).isEqualTo(3);
        }
    }

    private static String answer(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[256];
        int n = in.read(buffer);
        return new String(buffer, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
    }
}
