package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.CertificateConfig;
import io.shoal.config.TlsConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A certificate replaced while clients keep sending: 4 clients, each alternating a request on a new
 * connection with one on its keep-alive connection. The reload happens once half of all requests are
 * answered, while the rest are on their way; each client holds its last few requests until the reload is
 * done, so that handshakes are sure to happen after it.
 */
class CertificateReloadUnderLoadIntegrationTest {
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 60;
    /** Of each client's requests, the last ones, sent only once the reload is done. */
    private static final int AFTER_RELOAD = 10;

    @TempDir
    Path dir;
    private TestBackend backend;
    private RunningProxy proxy;
    private ExecutorService clients;

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.shutdownNow();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** What one request on a new connection saw. */
    private record Handshake(Phase phase, String subject) {}

    /** When a connection's handshake began, relative to the reload. */
    private enum Phase { DURING_LOAD, AFTER_RELOAD }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void noRequestIsLostAndHandshakesAfterTheReloadGetTheNewCertificate(TlsProvider provider) throws Exception {
        Issued live = TestCertificates.issue(Files.createDirectory(dir.resolve("live")), "a.example.com", "a.example.com");
        Issued renewed = TestCertificates.issue(Files.createDirectory(dir.resolve("next")), "renewed.example.com",
                "a.example.com");
        backend = new TestBackend("b");
        proxy = new RunningProxy(TestConfigs.withTls(TestConfigs.simple(Algorithm.ROUND_ROBIN, backend),
                TlsConfig.of(List.of(new CertificateConfig(live.cert(), live.key())))), provider);
        CountDownLatch halfAnswered = new CountDownLatch(CLIENTS * REQUESTS_PER_CLIENT / 2);
        CountDownLatch reloaded = new CountDownLatch(1);
        Queue<Handshake> handshakes = new ConcurrentLinkedQueue<>();
        Queue<String> keptAliveSubjects = new ConcurrentLinkedQueue<>();
        clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> answered = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            answered.add(clients.submit(() -> client(halfAnswered, reloaded, handshakes, keptAliveSubjects)));
        }

        assertThat(halfAnswered.await(60, TimeUnit.SECONDS)).isTrue();
        Files.copy(renewed.cert(), live.cert(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(renewed.key(), live.key(), StandardCopyOption.REPLACE_EXISTING);
        assertThat(proxy.server.tls().reload(proxy.topology.config())).singleElement().asString()
                .startsWith("listeners[0].tls: new certificates CN=renewed.example.com");
        reloaded.countDown();

        for (Future<Integer> client : answered) {
            assertThat(client.get(60, TimeUnit.SECONDS)).isEqualTo(REQUESTS_PER_CLIENT);
        }
        assertThat(backend.requests).hasValue(CLIENTS * REQUESTS_PER_CLIENT);
        assertThat(keptAliveSubjects).hasSize(CLIENTS).containsOnly(live.subject());
        assertThat(handshakes).hasSize(CLIENTS * REQUESTS_PER_CLIENT / 2)
                .allSatisfy(h -> assertThat(h.subject()).isIn(live.subject(), renewed.subject()))
                .filteredOn(h -> h.phase() == Phase.AFTER_RELOAD)
                .hasSizeGreaterThanOrEqualTo(CLIENTS * AFTER_RELOAD / 2)
                .allSatisfy(h -> assertThat(h.subject()).isEqualTo(renewed.subject()));
    }

    /** Sends its requests, every one of which must be answered 200 by the backend; returns how many were. */
    private int client(CountDownLatch halfAnswered, CountDownLatch reloaded, Queue<Handshake> handshakes,
                       Queue<String> keptAliveSubjects) throws Exception {
        int answered = 0;
        try (SSLSocket keptAlive = TlsClients.open(proxy.port(), "a.example.com", List.of("TLSv1.3", "TLSv1.2"),
                List.of())) {
            keptAliveSubjects.add(subject(keptAlive));
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                if (i == REQUESTS_PER_CLIENT - AFTER_RELOAD) {
                    assertThat(reloaded.await(60, TimeUnit.SECONDS)).isTrue();
                }
                if (i % 2 == 0) {
                    Phase phase = reloaded.getCount() == 0 ? Phase.AFTER_RELOAD : Phase.DURING_LOAD;
                    handshakes.add(new Handshake(phase, getOnNewConnection()));
                } else {
                    assertThat(get(keptAlive, "keep-alive")).isEqualTo("b");
                }
                answered++;
                halfAnswered.countDown();
            }
        }
        return answered;
    }

    /** The subject of the certificate the connection was served, once its request is answered. */
    private String getOnNewConnection() throws Exception {
        try (SSLSocket socket = TlsClients.open(proxy.port(), "a.example.com", List.of("TLSv1.3", "TLSv1.2"),
                List.of())) {
            assertThat(get(socket, "close")).isEqualTo("b");
            return subject(socket);
        }
    }

    /** Sends a GET and reads its response, which must be a 200 with a Content-Length; returns the body. */
    private static String get(SSLSocket socket, String connection) throws IOException {
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: a.example.com\r\nConnection: " + connection
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        String head = head(in);
        assertThat(head).startsWith("HTTP/1.1 200 ");
        int length = Integer.parseInt(head.replaceAll("(?is).*\r\ncontent-length: *(\\d+).*", "$1"));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String subject(SSLSocket socket) throws Exception {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }
}
