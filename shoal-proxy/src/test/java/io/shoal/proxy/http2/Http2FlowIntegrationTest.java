package io.shoal.proxy.http2;

import static io.shoal.proxy.http2.RawHttp2.DATA;
import static io.shoal.proxy.http2.RawHttp2.END_STREAM;
import static io.shoal.proxy.http2.RawHttp2.GOAWAY;
import static io.shoal.proxy.http2.RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.BalanceConfig;
import io.shoal.config.CertificateConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.TlsConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.RawBackends;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 flow control end to end: a stream whose reader is slow holds no other stream up, a request body is
 * read only as fast as its server takes it, and a stop lets the streams under way finish after its GOAWAY.
 */
@Timeout(120)
class Http2FlowIntegrationTest {
    @TempDir
    static Path dir;
    static Issued localhost;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private RunningProxy proxy;

    @BeforeAll
    static void certificates() {
        localhost = TestCertificates.issue(dir, "localhost", "localhost");
    }

    private void start(String serverAddress, Duration responseTimeout) throws Exception {
        ServiceConfig web = TestConfigs.withTimeouts(TestConfigs.service("web",
                BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN), List.of(TestConfigs.server(serverAddress))),
                Duration.ofSeconds(5), responseTimeout);
        proxy = new RunningProxy(TestConfigs.withH2c(TestConfigs.config(TestConfigs.threads(1),
                List.of(TestConfigs.catchAll("web")), web)));
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Test
    void aStreamWhoseReaderStallsHoldsNoOtherStreamUp() throws Exception {
        TestBackend backend = new TestBackend("b");
        closing.add(backend);
        start(backend.address(), Duration.ofSeconds(60));
        try (RawHttp2 client = new RawHttp2(proxy.port(), SETTINGS_INITIAL_WINDOW_SIZE, 0)) {
            client.get(1, "/download?bytes=1000000&length=fixed"); // its window stays shut
            client.get(3, "/download?bytes=300000&length=fixed");
            client.windowUpdate(0, 10_000_000);
            client.windowUpdate(3, 10_000_000);
            client.flush();

            Map<Integer, Long> received = new HashMap<>();
            RawHttp2.Frame frame;
            do {
                frame = client.read();
                if (frame != null && frame.type() == DATA) {
                    received.merge(frame.stream(), (long) frame.payload().length, Long::sum);
                }
            } while (frame != null && !(frame.type() == DATA && frame.stream() == 3 && (frame.flags() & END_STREAM) != 0));

            assertThat(received).containsEntry(3, 300_000L).doesNotContainKey(1);
        }
    }

    @Test
    void aRequestBodyIsReadOnlyAsFastAsItsServerTakesIt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        RawBackends.Misbehaving server = new RawBackends.Misbehaving((socket, requests) -> {
            requests.incrementAndGet();
            try {
                never.await(); // accepts the connection and reads nothing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closing.add(server);
        closing.add(never::countDown);
        ServiceConfig web = TestConfigs.withTimeouts(TestConfigs.service("web",
                BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN), List.of(TestConfigs.server(server.address()))),
                Duration.ofSeconds(5), Duration.ofSeconds(2));
        TlsConfig tls = TlsConfig.of(List.of(new CertificateConfig(localhost.cert(), localhost.key())));
        proxy = new RunningProxy(TestConfigs.withTls(TestConfigs.config(TestConfigs.threads(1),
                List.of(TestConfigs.catchAll("web")), web), tls));

        // curl uploads /dev/zero without end; the server takes none of it.
        Process curl = new ProcessBuilder("curl", "-sS", "--http2", "--max-time", "30", "--cacert", localhost.cert().toString(),
                "-T", "/dev/zero", "-o", "/dev/null", "-w", "%{http_code} %{http_version} %{size_upload}",
                "https://localhost:" + proxy.port() + "/upload").redirectErrorStream(true).start();
        String[] output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split(" ");
        assertThat(curl.waitFor(40, TimeUnit.SECONDS)).isTrue();

        // The response timeout answers, blaming the server that took nothing, and by then the body had stopped
        // flowing: what the client could send is bounded by the windows and the socket buffers.
        assertThat(output[0]).isEqualTo("504");
        assertThat(output[1]).isEqualTo("2");
        assertThat(Long.parseLong(output[2])).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aStopSendsGoAwayAndLetsTheStreamsUnderWayFinish() throws Exception {
        TestBackend backend = new TestBackend("b");
        closing.add(backend);
        start(backend.address(), Duration.ofSeconds(60));
        try (RawHttp2 client = new RawHttp2(proxy.port())) {
            client.get(1, "/slow?ms=500");
            client.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.inFlight.get() == 1);
            Thread stopping = new Thread(proxy::close);
            stopping.start();

            List<RawHttp2.Frame> frames = client.readUntilClosed(100);
            stopping.join();
            proxy = null;

            assertThat(frames).anySatisfy(f -> assertThat(f.type()).isEqualTo(GOAWAY));
            assertThat(frames).anySatisfy(f -> {
                assertThat(f.type()).isEqualTo(DATA);
                assertThat(f.stream()).isEqualTo(1);
                assertThat(f.text()).isEqualTo("b");
            });
        }
    }
}
