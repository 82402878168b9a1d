package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.testing.RawBackends;
import io.shoal.testing.TestConfigs;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A WebSocket handshake passes through and the connection becomes a byte tunnel both ways. */
class WebSocketIntegrationTest {

    @Test
    void aWebSocketIsTunnelledAndEchoes() throws Exception {
        try (RawBackends.Misbehaving echo = new RawBackends.Misbehaving(WebSocketIntegrationTest::serveEcho);
             RunningProxy proxy = new RunningProxy(TestConfigs.config(
                     java.util.List.of(TestConfigs.catchAll("web")), TestConfigs.service("web",
                             io.shoal.config.BalanceConfig.of(Algorithm.ROUND_ROBIN),
                             java.util.List.of(TestConfigs.server(echo.address())))))) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + proxy.port() + "/chat"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            received.add(data.toString());
                            ws.request(1);
                            return CompletableFuture.completedFuture(null);
                        }
                    }).get(5, TimeUnit.SECONDS);

            socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: hello");
            socket.sendText("again", true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: again");
            socket.abort();
        }
    }

    /** RFC 6455: the handshake, then echo each (masked, short) text frame back unmasked. */
    private static void serveEcho(Socket socket, java.util.concurrent.atomic.AtomicInteger requests)
            throws IOException {
        String head = RawBackends.readHead(socket.getInputStream());
        requests.incrementAndGet();
        String key = null;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                key = line.substring(18).trim();
            }
        }
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            int length = in.readUnsignedByte() & 0x7F;
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes(length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            if (opcode == 8) {
                return;
            }
            byte[] reply = ("echo: " + new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            out.write(new byte[] {(byte) 0x81, (byte) reply.length});
            out.write(reply);
            out.flush();
        }
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
