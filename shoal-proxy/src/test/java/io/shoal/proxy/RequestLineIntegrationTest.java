package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig.Algorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request lines an HTTP/1.1 reverse proxy does not serve get their status and a closed connection. */
class RequestLineIntegrationTest {
    private static TestBackend backend;
    private static RunningProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        backend = new TestBackend("b");
        proxy = new RunningProxy(TestConfigs.simple(Algorithm.ROUND_ROBIN, backend));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET / HTTP/2.0", "GET / HTTP/3.0", "GET / HTTP/0.9", "PRI * HTTP/2.0"})
    void otherMajorVersionsGet505AndNeverReachTheBackend(String line) throws Exception {
        int before = backend.requests.get();
        String tail = line.startsWith("PRI") ? "\r\nSM\r\n\r\n" : "Host: x\r\n\r\n";
        String response = RawHttp.exchange(proxy.port(), line + "\r\n" + tail + "GET /next HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n")
                .doesNotContain("<still open>").containsOnlyOnce("HTTP/1.1");
        assertThat(backend.requests.get()).isEqualTo(before);
    }

    @Test
    void aHigherMinorVersionIsReadAsHttp11() throws Exception {
        assertThat(RawHttp.exchange(proxy.port(), "GET / HTTP/1.2\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(RawHttp.exchange(proxy.port(), "GET / HTTP/1.2\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ").endsWith("b");
    }

    @Test
    void connectGets405WithAllowAndNeverReachesTheBackend() throws Exception {
        int before = backend.requests.get();
        String response = RawHttp.exchange(proxy.port(),
                "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n\u0016\u0003\u0001");

        assertThat(response).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
                .contains("\r\nAllow: GET, HEAD, POST, PUT, DELETE, OPTIONS, TRACE, PATCH\r\n")
                .doesNotContain("<still open>");
        assertThat(backend.requests.get()).isEqualTo(before);
    }
}
