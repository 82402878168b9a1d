package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.ProxySettings;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 9112 framing: a request whose meaning is ambiguous gets 400, the connection closes, and the
 * backend never sees any of it — not even a pipelined request behind it. Request lines an HTTP/1.1
 * reverse proxy does not serve get their own status, the same way.
 */
class FramingIntegrationTest {
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

    /** A request pipelined behind the ambiguous one, named after the case so that each case is judged alone. */
    private static String next(String name) {
        return "GET /smuggled-" + name + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "content-length-and-transfer-encoding",
        "differing-content-lengths",
        "final-coding-not-chunked",
        "obs-fold",
        "space-before-colon",
        "cr-in-value",
        "lf-in-value",
        "nul-in-value",
        "invalid-header-name",
        "bad-chunk-size",
        "missing-host",
        "duplicate-host",
        "bare-lf-line-ending",
        "identity-then-chunked",
        "chunked-twice",
        "chunked-twice-on-two-lines",
        "chunked-in-http-1.0",
        "chunk-size-then-junk",
        "chunk-size-then-space",
        "chunk-size-leading-underscore",
        "chunk-size-leading-space",
        "chunk-size-hex-prefix",
        "chunk-size-negative",
        "chunk-size-overflow",
        "chunk-size-bare-lf",
        "chunk-data-without-crlf",
        "chunk-data-bare-lf",
        "last-chunk-bare-lf",
    })
    void ambiguousRequestsGet400AndNeverReachTheBackend(String name) throws Exception {
        int before = backend.requests.get();
        String response = RawHttp.exchange(proxy.port(), request(name) + next(name));

        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).doesNotContain("<still open>").containsOnlyOnce("HTTP/1.1");
        assertThat(backend.requests.get()).isEqualTo(before);
        assertThat(backend.receivedPaths).doesNotContain("/smuggled-" + name);
    }

    private static String request(String name) {
        switch (name) {
            case "content-length-and-transfer-encoding":
                return "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
            case "differing-content-lengths":
                return "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!";
            case "final-coding-not-chunked":
                return "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nhello";
            case "obs-fold":
                return "GET / HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n";
            case "space-before-colon":
                return "GET / HTTP/1.1\r\nHost: x\r\nX-Name : v\r\n\r\n";
            case "cr-in-value":
                return "GET / HTTP/1.1\r\nHost: x\r\nX-Name: a\rb\r\n\r\n";
            case "lf-in-value":
                return "GET / HTTP/1.1\r\nHost: x\r\nX-Name: a\nb\r\n\r\n";
            case "nul-in-value":
                return "GET / HTTP/1.1\r\nHost: x\r\nX-Name: a\0b\r\n\r\n";
            case "invalid-header-name":
                return "GET / HTTP/1.1\r\nHost: x\r\nX(Name): v\r\n\r\n";
            case "bad-chunk-size":
                return "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n";
            case "missing-host":
                return "GET / HTTP/1.1\r\n\r\n";
            case "duplicate-host":
                return "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n";
            case "bare-lf-line-ending":
                return "GET / HTTP/1.1\nHost: x\n\n";
            case "identity-then-chunked":
                return chunkedPost("Transfer-Encoding: identity, chunked\r\n", "5\r\nhello\r\n0\r\n\r\n");
            case "chunked-twice":
                return chunkedPost("Transfer-Encoding: chunked, chunked\r\n", "5\r\nhello\r\n0\r\n\r\n");
            case "chunked-twice-on-two-lines":
                return chunkedPost("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                        "5\r\nhello\r\n0\r\n\r\n");
            case "chunked-in-http-1.0":
                return "POST / HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
            case "chunk-size-then-junk":
                return chunkedPost(CHUNKED, "5 junk\r\nhello\r\n0\r\n\r\n");
            case "chunk-size-then-space":
                return chunkedPost(CHUNKED, "5 \r\nhello\r\n0\r\n\r\n");
            case "chunk-size-leading-underscore":
                return chunkedPost(CHUNKED, "_5\r\nhello\r\n0\r\n\r\n");
            case "chunk-size-leading-space":
                return chunkedPost(CHUNKED, " 5\r\nhello\r\n0\r\n\r\n");
            case "chunk-size-hex-prefix":
                return chunkedPost(CHUNKED, "0x5\r\nhello\r\n0\r\n\r\n");
            case "chunk-size-negative":
                return chunkedPost(CHUNKED, "-5\r\nhello\r\n0\r\n\r\n");
            case "chunk-size-overflow":
                return chunkedPost(CHUNKED, "10000000000000005\r\nhello\r\n0\r\n\r\n");
            case "chunk-size-bare-lf":
                return chunkedPost(CHUNKED, "5\nhello\r\n0\r\n\r\n");
            case "chunk-data-without-crlf":
                return chunkedPost(CHUNKED, "5\r\nhelloXX0\r\n\r\n");
            case "chunk-data-bare-lf":
                return chunkedPost(CHUNKED, "5\r\nhello\n0\r\n\r\n");
            case "last-chunk-bare-lf":
                return chunkedPost(CHUNKED, "5\r\nhello\r\n0\n\r\n");
            default:
                throw new IllegalArgumentException(name);
        }
    }

    private static final String CHUNKED = "Transfer-Encoding: chunked\r\n";

    private static String chunkedPost(String transferEncoding, String body) {
        return "POST / HTTP/1.1\r\nHost: x\r\n" + transferEncoding + "\r\n" + body;
    }

    @Test
    void aContentCodingBeforeChunkedGets501AndNeverReachesTheBackend() throws Exception {
        int before = backend.requests.get();
        String response = RawHttp.exchange(proxy.port(),
                chunkedPost("Transfer-Encoding: gzip, chunked\r\n", "5\r\nhello\r\n0\r\n\r\n"));

        assertThat(response).startsWith("HTTP/1.1 501 ").doesNotContain("<still open>");
        assertThat(backend.requests.get()).isEqualTo(before);
    }

    @Test
    void chunkExtensionsAfterOptionalWhitespaceAndLeadingZerosAreAccepted() throws Exception {
        String response = RawHttp.exchange(proxy.port(), "POST /echo HTTP/1.1\r\nHost: x\r\n" + CHUNKED
                + "Connection: close\r\n\r\n5 ;a=b\r\nhello\r\n00a\t;x\r\n0123456789\r\n0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("hello0123456789");
    }

    @Test
    void aWellFormedPipelinedPairIsAnsweredInOrder() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes());
            String response = RawHttp.readUntilClose(socket.getInputStream());
            assertThat(response.split("HTTP/1.1 200 ", -1)).hasSize(3);
        }
    }

    @Test
    void anOverlongRequestLineGets414AndOverlongHeadersGet431() throws Exception {
        String longUri = "/" + "a".repeat(9000);
        assertThat(RawHttp.exchange(proxy.port(), "GET " + longUri + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414 ");
        String bigHeader = "X-Big: " + "b".repeat(40_000) + "\r\n";
        assertThat(RawHttp.exchange(proxy.port(), "GET / HTTP/1.1\r\nHost: x\r\n" + bigHeader + "\r\n"))
                .startsWith("HTTP/1.1 431 ");
    }

    @Test
    void aClientThatSendsItsHeadTooSlowlyGets408() throws Exception {
        ProxySettings quick = new ProxySettings(1, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(5),
                8192, 32768, 0, 100, List.of());
        try (RunningProxy strict = new RunningProxy(TestConfigs.config(quick,
                List.of(TestConfigs.catchAll("web")), TestConfigs.service("web",
                        io.shoal.config.BalanceConfig.of(Algorithm.ROUND_ROBIN),
                        List.of(TestConfigs.server(backend.address())))))) {
            long start = System.nanoTime();
            String response = RawHttp.exchange(strict.port(), "GET / HTTP/1.1\r\nHost: x\r\n");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response).startsWith("HTTP/1.1 408 ");
            assertThat(millis).as("not before the header timeout").isGreaterThanOrEqualTo(400L);
        }
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
