package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.RawBackends;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestConfigs;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code Connection} header may make fields hop-by-hop, but never the ones that frame a message or
 * name its target: obeying it would send a head on without its framing, and on a reused upstream
 * connection the body would become the next client's request (with that client's cookies). Such a
 * request gets 400, such a response 502, and the connection to the backend is never reused out of step.
 * Run with one event loop and several, since upstream connections are pooled per loop.
 */
class SmugglingIntegrationTest {
    /** The start of a request, so that the next client's head completes it at the backend. */
    private static final String SMUGGLED = "GET /smuggled-admin HTTP/1.1\r\nHost: x\r\nX-Swallow: ";

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 3})
    void aRequestNominatingContentLengthGets400AndItsBodyNeverBecomesARequest(int threads) throws Exception {
        String attack = "POST /harmless HTTP/1.1\r\nHost: x\r\nConnection: Content-Length\r\n"
                + "Content-Length: " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED;
        assertSmugglingFails(threads, attack);
    }

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 3})
    void aRequestNominatingTransferEncodingGets400(int threads) throws Exception {
        String chunk = Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED + "\r\n0\r\n\r\n";
        String attack = "POST /harmless HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Transfer-Encoding\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunk;
        assertSmugglingFails(threads, attack);
    }

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 3})
    void aRequestNominatingHostGets400(int threads) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (RawBackends.Misbehaving backend = RawBackends.keepAlive(received, RawBackends.OK);
             RunningProxy proxy = new RunningProxy(TestConfigs.web(TestConfigs.threads(threads), backend.address()))) {
            String answer = RawHttp.exchange(proxy.port(), "GET /no-host HTTP/1.1\r\nHost: x\r\nConnection: Host\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 400 ");
            assertThat(received).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 3})
    void aResponseNominatingItsOwnFramingGets502AndTheKeepAliveClientNeverSeesItUnframed(int threads)
            throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        String unframed = "HTTP/1.1 200 OK\r\nConnection: Content-Length\r\nContent-Length: 5\r\n\r\nhello";
        try (RawBackends.Misbehaving backend = RawBackends.keepAlive(received, unframed);
             RunningProxy proxy = new RunningProxy(TestConfigs.web(TestConfigs.threads(threads), backend.address()));
             Socket client = new Socket("127.0.0.1", proxy.port())) {
            client.setSoTimeout(5000);
            client.getOutputStream().write(("GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answers = RawHttp.readUntilClose(client.getInputStream());

            assertThat(answers).startsWith("HTTP/1.1 502 ").doesNotContain("hello").doesNotContain("<still open>");
            assertThat(answers.split("HTTP/1.1 ", -1)).as("two answers").hasSize(3);
        }
    }

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 3})
    void aResponseNominatingTransferEncodingGets502(int threads) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        String unframed = "HTTP/1.1 200 OK\r\nConnection: transfer-encoding\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n";
        try (RawBackends.Misbehaving backend = RawBackends.keepAlive(received, unframed);
             RunningProxy proxy = new RunningProxy(TestConfigs.web(TestConfigs.threads(threads), backend.address()))) {
            String answer = RawHttp.exchange(proxy.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 502 ").doesNotContain("hello");
        }
    }

    /**
     * Sends the attack, then, as other clients, one request per event loop with a cookie, so that one of
     * them reuses the attacker's upstream connection if it went back to the pool.
     */
    private static void assertSmugglingFails(int threads, String attack) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (RawBackends.Misbehaving backend = RawBackends.keepAlive(received, RawBackends.OK);
             RunningProxy proxy = new RunningProxy(TestConfigs.web(TestConfigs.threads(threads), backend.address()))) {
            assertThat(exchangeKeepingOpen(proxy.port(), attack)).startsWith("HTTP/1.1 400 ");
            for (int i = 0; i < threads; i++) {
                String victim = exchangeKeepingOpen(proxy.port(),
                        "GET /victim HTTP/1.1\r\nHost: x\r\nCookie: session=secret\r\n\r\n");
                assertThat(victim).startsWith("HTTP/1.1 200 ").endsWith("ok");
            }

            assertThat(received).noneMatch(request -> request.contains("smuggled"));
            assertThat(received).allMatch(request -> request.startsWith("GET /victim "));
        }
    }

    /** Writes a request and reads one answer, framed by its Content-Length, or until the proxy closes. */
    private static String exchangeKeepingOpen(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!isWhole(answer.toString())) {
                int n = socket.getInputStream().read(buffer);
                if (n < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            return answer.toString();
        }
    }

    private static boolean isWhole(String answer) {
        int headEnd = answer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)")
                .matcher(answer.substring(0, headEnd));
        return length.find() && answer.length() - headEnd - 4 >= Integer.parseInt(length.group(1));
    }
}
