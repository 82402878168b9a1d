package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.TestBackend;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bodies are streamed, never buffered: 1 GiB each way through a proxy whose heap is capped at 128 MiB
 * (Netty's direct memory defaults to the same cap), so buffering either body would fail.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LargeBodyIntegrationTest {
    private static final long GIB = 1L << 30;

    private TestBackend backend;
    private ShoalProcess shoal;
    private InetSocketAddress proxy;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("large");
        shoal = ShoalProcess.start(List.of("-Xmx128m"),
                "proxy", "--listen", "127.0.0.1:0", "--backend", backend.address());
        proxy = shoal.awaitListening(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        shoal.close();
        backend.close();
    }

    @Test
    void uploadsOneGibibyteChunked() throws Exception {
        HttpRequest upload = HttpRequest.newBuilder(Http.uri(proxy, "/upload"))
                .timeout(Duration.ofMinutes(4))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(GIB)))
                .build();

        HttpResponse<String> response = Http.CLIENT.send(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Long.toString(GIB));
        assertThat(shoal.isAlive()).isTrue();
    }

    @Test
    void downloadsOneGibibyte() throws Exception {
        HttpRequest download = HttpRequest.newBuilder(Http.uri(proxy, "/download?length=fixed&bytes=" + GIB))
                .timeout(Duration.ofMinutes(4))
                .build();

        HttpResponse<InputStream> response = Http.CLIENT.send(download, HttpResponse.BodyHandlers.ofInputStream());
        long received;
        try (InputStream body = response.body()) {
            received = body.transferTo(OutputStream.nullOutputStream());
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received).isEqualTo(GIB);
        assertThat(shoal.isAlive()).isTrue();
    }
}
