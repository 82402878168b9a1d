package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * In the open model {@code -c} is a pool the schedule draws on: a connection opens when a request first needs it.
 * Opened up front, the unused ones sat idle until a server's header timeout closed them, racing the first request
 * sent on them (one {@code closed} failure now and then in the autoscaler's end-to-end test, at its 10th second).
 */
class OpenModelConnectionsIntegrationTest {
    @Test
    void aLowRateOpensOnlyTheConnectionsItUses() throws Exception {
        try (CountingServer server = new CountingServer()) {
            // 4 per second for 1 s: 4 requests, so at most 4 of the pool of 20 connections are needed.
            BenchResult r = Bench.run(LoadPlan.builder(server.uri()).connections(20).threads(1).rate(4)
                    .duration(Duration.ofSeconds(1)).build(), s -> { });

            assertThat(r.failures()).isZero();
            assertThat(r.responses()).isBetween(4L, 5L);
            assertThat(server.accepted.get()).as("connections opened for %d requests", r.responses())
                    .isBetween(1, (int) r.responses());
        }
    }

    @Test
    void theClosedModelStillOpensItsConnectionsBeforeTheClockStarts() throws Exception {
        try (CountingServer server = new CountingServer()) {
            BenchResult r = Bench.run(LoadPlan.builder(server.uri()).connections(6).threads(1).requests(6).build(), s -> { });

            assertThat(r.responses()).isEqualTo(6);
            assertThat(server.accepted.get()).isEqualTo(6);
        }
    }

    /** Answers every request on a connection with a 2-byte 200, keeping it open; counts the connections accepted. */
    private static final class CountingServer implements AutoCloseable {
        private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        CountingServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        accepted.incrementAndGet();
                        Thread serve = new Thread(() -> serve(connection), "counting-server-connection");
                        serve.setDaemon(true);
                        serve.start();
                    } catch (IOException e) {
                        return; // closed by the test
                    }
                }
            }, "counting-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void serve(Socket connection) {
            try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
                int matched = 0;
                for (int b = in.read(); b >= 0; b = in.read()) {
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                    if (matched == 4) {
                        out.write(OK);
                        out.flush();
                        matched = 0;
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
