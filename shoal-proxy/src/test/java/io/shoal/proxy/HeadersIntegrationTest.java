package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.testing.RawBackends;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What reaches the backend and what comes back: forwarding headers, hop-by-hop fields, versions, Expect. */
class HeadersIntegrationTest {
    private TestBackend backend;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("b");
        proxy = new RunningProxy(TestConfigs.simple(Algorithm.ROUND_ROBIN, backend));
    }

    @AfterEach
    void stop() {
        proxy.close();
        backend.close();
    }

    private Map<String, List<String>> lastHeaders() {
        return backend.receivedHeaders.get(backend.receivedHeaders.size() - 1);
    }

    @Test
    void xForwardedForIsAppendedAndTheClientsHostKept() throws Exception {
        HttpResponse<String> response = proxy.client.send(HttpRequest.newBuilder(proxy.uri("/"))
                .header("X-Forwarded-For", "1.2.3.4").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, List<String>> headers = lastHeaders();
        assertThat(headers.get("X-forwarded-for")).containsExactly("1.2.3.4, 127.0.0.1");
        assertThat(headers.get("X-real-ip")).containsExactly("127.0.0.1");
        assertThat(headers.get("X-forwarded-proto")).containsExactly("http");
        assertThat(headers.get("Host")).containsExactly("127.0.0.1:" + proxy.port());
        assertThat(headers.get("X-forwarded-host")).containsExactly("127.0.0.1:" + proxy.port());
    }

    @Test
    void hopByHopFieldsAndThoseNamedInConnectionAreRemoved() throws Exception {
        String response = RawHttp.exchange(proxy.port(), "GET / HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close, X-Secret-Hop\r\nX-Secret-Hop: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\n"
                + "Proxy-Connection: keep-alive\r\nX-End-To-End: kept\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 ");
        Map<String, List<String>> headers = lastHeaders();
        assertThat(headers).doesNotContainKeys("X-secret-hop", "Keep-alive", "Te", "Proxy-connection");
        assertThat(headers.get("X-end-to-end")).containsExactly("kept");
        assertThat(headers.getOrDefault("Connection", List.of())).doesNotContain("close, X-Secret-Hop");
    }

    @Test
    void anH2cUpgradeRequestIsAnsweredAsPlainHttp11() throws Exception {
        HttpClient preferringH2 = HttpClient.newHttpClient(); // sends Upgrade: h2c on http://
        HttpResponse<String> response = preferringH2.send(HttpRequest.newBuilder(proxy.uri("/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(lastHeaders()).doesNotContainKeys("Upgrade", "Http2-settings");
    }

    @Test
    void anHttp10ClientGetsTheBodyDelimitedByClose() throws Exception {
        String response = RawHttp.exchange(proxy.port(), "GET /download?bytes=1000 HTTP/1.0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 ").doesNotContainIgnoringCase("chunked")
                .containsIgnoringCase("connection: close");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).hasSize(1000);
    }

    @Test
    void expectContinueIsAnsweredAndTheBodyStreamedThrough() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            var in = socket.getInputStream();
            out.write(("PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n").getBytes());
            out.flush();
            byte[] interim = new byte[25];
            int n = in.readNBytes(interim, 0, interim.length);
            assertThat(new String(interim, 0, n)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write("hello".getBytes());
            out.flush();
            String rest = RawHttp.readUntilClose(in);
            assertThat(rest).startsWith("HTTP/1.1 200 ").endsWith("hello");
        }
        assertThat(lastHeaders()).doesNotContainKey("Expect");
    }

    @Test
    void aHeadAnswerHasNoBodyAndTheConnectionServesTheNextRequest() throws Exception {
        String responses = RawHttp.exchange(proxy.port(), "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        int second = responses.indexOf("HTTP/1.1 ", 1);
        assertThat(responses).startsWith("HTTP/1.1 200 ");
        assertThat(second).isPositive();
        String head = responses.substring(0, second);
        assertThat(head).endsWith("\r\n\r\n");
        assertThat(responses.substring(second)).startsWith("HTTP/1.1 200 ").endsWith("b");
    }

    @Test
    void aChunkedUploadIsStreamedToTheBackend() throws Exception {
        String response = RawHttp.exchange(proxy.port(), "POST /echo HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("hello world");
    }

    private static RunningProxy proxyTo(RawBackends.Misbehaving backend) throws Exception {
        return new RunningProxy(TestConfigs.config(List.of(TestConfigs.catchAll("web")), TestConfigs.service("web",
                BalanceConfig.of(Algorithm.ROUND_ROBIN), List.of(TestConfigs.server(backend.address())))));
    }

    @Test
    void theUpstreamGetsOneHttp11HeadWithTheForwardingFieldsAndTheChunksWithTheirTrailers() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RawBackends.Misbehaving recorder = RawBackends.records(received); RunningProxy raw = proxyTo(recorder)) {
            String response = RawHttp.exchange(raw.port(), "POST /up?x=1 HTTP/1.1\r\nHost: site\r\n"
                    + "X-Real-IP: 6.6.6.6\r\nX-Forwarded-Proto: https\r\nX-Forwarded-For: 1.2.3.4\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "5\r\nhello\r\n0\r\nX-Checksum: abc\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("ok");
            assertThat(received).containsExactly("POST /up?x=1 HTTP/1.1\r\nHost: site\r\n"
                    + "transfer-encoding: chunked\r\nx-forwarded-for: 1.2.3.4, 127.0.0.1\r\n"
                    + "x-real-ip: 127.0.0.1\r\nx-forwarded-proto: http\r\nx-forwarded-host: site\r\n\r\n"
                    + "5\r\nhello\r\n0\r\nX-Checksum: abc\r\n\r\n");
        }
    }

    @Test
    void anAbsoluteFormTargetGoesOutInOriginFormAndAnHttp10RequestAsHttp11() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RawBackends.Misbehaving recorder = RawBackends.records(received); RunningProxy raw = proxyTo(recorder)) {
            RawHttp.exchange(raw.port(), "GET http://site?q=1 HTTP/1.0\r\nHost: site\r\n\r\n");
            RawHttp.exchange(raw.port(), "GET HTTPS://site/a/b HTTP/1.1\r\nHost: site\r\nConnection: close\r\n\r\n");

            assertThat(received).hasSize(2);
            assertThat(received.get(0)).startsWith("GET /?q=1 HTTP/1.1\r\nHost: site\r\n");
            assertThat(received.get(1)).startsWith("GET /a/b HTTP/1.1\r\nHost: site\r\n");
        }
    }

    @Test
    void stickyCookieKeepsAClientOnItsServer() throws Exception {
        TestBackend other = new TestBackend("other");
        io.shoal.config.ServiceConfig service = TestConfigs.withSticky(TestConfigs.service("web",
                BalanceConfig.of(Algorithm.ROUND_ROBIN),
                List.of(TestConfigs.server(backend.address()), TestConfigs.server(other.address()))), "SRV");
        try (RunningProxy sticky = new RunningProxy(TestConfigs.config(List.of(TestConfigs.catchAll("web")), service))) {
            HttpResponse<String> first = sticky.get("/");
            String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("SRV=");
            String cookiePair = cookie.substring(0, cookie.indexOf(';'));
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> next = sticky.client.send(HttpRequest.newBuilder(sticky.uri("/"))
                        .header("Cookie", cookiePair).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(next.body()).isEqualTo(first.body());
                assertThat(next.headers().firstValue("Set-Cookie")).isEmpty();
            }
        } finally {
            other.close();
        }
    }
}
