package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shoal proxy} from the packaged jar, over two real backends. */
class ProxyCommandIntegrationTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void rotatesOverTheBackendsAndStopsCleanlyOnSigterm() throws Exception {
        TestBackend a = add(new TestBackend("a"));
        TestBackend b = add(new TestBackend("b"));
        ShoalProcess shoal = add(ShoalProcess.start("proxy", "--listen", "127.0.0.1:0",
                "--backend", a.address(), "--backend", b.address(), "--threads", "1"));
        InetSocketAddress proxy = shoal.awaitListening(Duration.ofSeconds(30));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(Http.get(proxy, "/").body());
        }

        assertThat(proxy.getPort()).isPositive();
        assertThat(shoal.stdout()).containsPattern("shoal: listening on 127\\.0\\.0\\.1:" + proxy.getPort() + " \\((epoll|nio)\\)");
        assertThat(String.join("", answers)).isIn("ababab", "bababa");
        shoal.close();
        assertThat(shoal.awaitExit(Duration.ofSeconds(10))).isEqualTo(143); // 128 + SIGTERM, via the shutdown hook
        assertThat(shoal.stderr()).contains("shoal: stopped");
    }

    @Test
    void terminatesTlsWithTheGivenCertificateAndSaysWhichProviderRuns(@TempDir Path dir) throws Exception {
        TestBackend a = add(new TestBackend("a"));
        Issued localhost = TestCertificates.issue(dir, "localhost", "localhost");
        ShoalProcess shoal = add(ShoalProcess.start("proxy", "--listen", "127.0.0.1:0", "--backend", a.address(),
                "--threads", "1", "--tls-cert", localhost.cert().toString(), "--tls-key", localhost.key().toString()));
        InetSocketAddress proxy = shoal.awaitListening(Duration.ofSeconds(30));

        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--cacert", localhost.cert().toString(),
                "https://localhost:" + proxy.getPort() + "/").redirectErrorStream(true).start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("a");
        assertThat(a.receivedHeaders.get(0).get("X-forwarded-proto")).containsExactly("https");
        assertThat(shoal.stderr()).contains("shoal: TLS by OpenSSL (BoringSSL)");
    }

    private <T extends AutoCloseable> T add(T resource) {
        resources.add(resource);
        return resource;
    }
}
