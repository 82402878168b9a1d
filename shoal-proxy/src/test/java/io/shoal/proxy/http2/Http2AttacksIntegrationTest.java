package io.shoal.proxy.http2;

import static io.shoal.proxy.http2.RawHttp2.CONTINUATION;
import static io.shoal.proxy.http2.RawHttp2.DATA;
import static io.shoal.proxy.http2.RawHttp2.END_HEADERS;
import static io.shoal.proxy.http2.RawHttp2.END_STREAM;
import static io.shoal.proxy.http2.RawHttp2.ENHANCE_YOUR_CALM;
import static io.shoal.proxy.http2.RawHttp2.GOAWAY;
import static io.shoal.proxy.http2.RawHttp2.HEADERS;
import static io.shoal.proxy.http2.RawHttp2.RST_STREAM;
import static io.shoal.proxy.http2.RawHttp2.SETTINGS;
import static io.shoal.proxy.http2.RawHttp2.SETTINGS_INITIAL_WINDOW_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.PlatformDependent;
import io.shoal.config.BalanceConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The known attacks on HTTP/2 servers, each bounded: the attacker's connection is closed (or its stream
 * reset), nothing of the attack reaches a server, the proxy's memory stays bounded, and another client is
 * served meanwhile.
 */
@Timeout(120)
class Http2AttacksIntegrationTest {
    /** Far below what an attack would pile up unchecked (tens of megabytes). */
    private static final long MEMORY_BOUND = 16 * 1024 * 1024;

    private TestBackend backend;
    private RunningProxy proxy;
    private long directMemoryBefore;

    private void start(Duration responseTimeout) throws Exception {
        backend = new TestBackend("b");
        ServiceConfig web = TestConfigs.withTimeouts(TestConfigs.service("web", BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                List.of(TestConfigs.server(backend.address()))), Duration.ofSeconds(5), responseTimeout);
        ShoalConfig config = TestConfigs.config(TestConfigs.threads(1), List.of(TestConfigs.catchAll("web")), web);
        proxy = new RunningProxy(TestConfigs.withH2c(config));
        directMemoryBefore = PlatformDependent.usedDirectMemory();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
            backend.close();
        }
    }

    @Test
    void rapidResetsEndTheConnectionAndDoNotPileUpOnTheServer() throws Exception {
        start(Duration.ofSeconds(60));
        int streams = 5_000;
        try (RawHttp2 attacker = new RawHttp2(proxy.port())) {
            for (int i = 0; i < streams; i++) {
                int stream = 2 * i + 1;
                attacker.get(stream, "/slow?ms=200");
                attacker.reset(stream);
            }
            attacker.flush();
            RawHttp2.Frame goAway = attacker.awaitFrame(GOAWAY);

            assertThat(goAway).isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(ENHANCE_YOUR_CALM);
        } catch (SocketException closedWhileWriting) {
            // the proxy closed the connection before the attacker finished writing: as bounded
        }
        assertServesOthers();
        assertThat(backend.requests.get()).isLessThan(streams / 10);
        assertMemoryBounded();
    }

    @Test
    void aContinuationFloodEndsTheConnectionAndReachesNoServer() throws Exception {
        start(Duration.ofSeconds(60));
        try (RawHttp2 attacker = new RawHttp2(proxy.port())) {
            attacker.frame(HEADERS, END_STREAM, 1, RawHttp2.requestBlock("GET", "/"));
            byte[] fragment = new byte[16_000];
            Arrays.fill(fragment, (byte) 0x40); // never a whole field
            for (int i = 0; i < 1_000; i++) {
                attacker.frame(CONTINUATION, 0, 1, fragment);
            }
            attacker.flush();

            assertThat(attacker.awaitFrame(GOAWAY)).isNotNull();
        } catch (SocketException closedWhileWriting) {
            // closed before the flood was written: as bounded
        }
        assertServesOthers();
        assertThat(backend.requests).hasValue(1); // assertServesOthers' own
        assertMemoryBounded();
    }

    @Test
    void smallContinuationFramesAreRefusedLongBeforeTheHeaderLimit() throws Exception {
        start(Duration.ofSeconds(60));
        try (RawHttp2 attacker = new RawHttp2(proxy.port())) {
            attacker.frame(HEADERS, END_STREAM, 1, RawHttp2.requestBlock("GET", "/"));
            for (int i = 0; i < 10_000; i++) {
                attacker.frame(CONTINUATION, 0, 1, new byte[] {0x40});
            }
            attacker.flush();

            assertThat(attacker.awaitFrame(GOAWAY)).isNotNull();
        } catch (SocketException closedWhileWriting) {
            // closed before the flood was written: as bounded
        }
        assertServesOthers();
        assertThat(backend.requests).hasValue(1);
    }

    @Test
    void anHpackBombIsRefusedBeforeItReachesAServer() throws Exception {
        start(Duration.ofSeconds(60));
        try (RawHttp2 attacker = new RawHttp2(proxy.port())) {
            // 4 KiB enters the dynamic table once; each further reference is one byte that decodes to 4 KiB.
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.writeBytes(RawHttp2.requestBlock("GET", "/"));
            RawHttp2.indexedLiteral(block, "x-bomb", "b".repeat(4_000));
            for (int i = 0; i < 1_000; i++) {
                RawHttp2.indexed(block, 62);
            }
            attacker.frame(HEADERS, END_HEADERS | END_STREAM, 1, block.toByteArray());
            attacker.flush();

            List<RawHttp2.Frame> answer = attacker.readUntilClosed(4);
            assertThat(answer).anySatisfy(frame -> assertThat(frame.type()).isIn(HEADERS, RST_STREAM, GOAWAY));
            assertThat(answer).noneSatisfy(frame -> assertThat(frame.type()).isEqualTo(DATA));
        }
        assertServesOthers();
        assertThat(backend.requests).hasValue(1);
        assertMemoryBounded();
    }

    @Test
    void aPingFloodFromAClientThatReadsNothingEndsTheConnection() throws Exception {
        start(Duration.ofSeconds(60));
        assertFloodEndsTheConnection(RawHttp2::ping);
    }

    @Test
    void aSettingsFloodFromAClientThatReadsNothingEndsTheConnection() throws Exception {
        start(Duration.ofSeconds(60));
        assertFloodEndsTheConnection(attacker -> attacker.frame(SETTINGS, 0, 0, new byte[0]));
    }

    @Test
    void aWindowHeldShutForeverResetsTheStreamAtTheResponseTimeoutAndBlamesNoServer() throws Exception {
        start(Duration.ofMillis(500));
        try (RawHttp2 attacker = new RawHttp2(proxy.port(), SETTINGS_INITIAL_WINDOW_SIZE, 0)) {
            attacker.get(1, "/download?bytes=67108864&length=fixed");
            attacker.flush();

            RawHttp2.Frame reset = attacker.awaitFrame(RST_STREAM);
            assertThat(reset).isNotNull();
            assertThat(reset.stream()).isEqualTo(1);
            assertServesOthers();
            assertMemoryBounded();
        }
        Server server = proxy.topology.current().service("web").servers().get(0);
        assertThat(server.state()).isEqualTo(ServerState.UP);
        assertThat(server.traffic().failures()).isZero();
    }

    /**
     * Writes frames that each ask for an answer, without reading the answers: the answers the proxy cannot
     * send pile up until it gives up on the connection and closes it, which fails the attacker's writes.
     */
    private void assertFloodEndsTheConnection(FrameWriter flood) throws Exception {
        // Sampled leak detection: paranoid detection records every buffer access, and a flood is millions of frames.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try (RawHttp2 attacker = RawHttp2.withReceiveBuffer(proxy.port(), 4096)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 4_000_000; i++) {
                    flood.write(attacker);
                }
                attacker.flush();
            }).isInstanceOf(SocketException.class);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
        assertServesOthers();
        assertMemoryBounded();
    }

    @FunctionalInterface
    private interface FrameWriter {
        void write(RawHttp2 attacker) throws IOException;
    }

    private void assertServesOthers() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + proxy.port() + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("b");
    }

    private void assertMemoryBounded() {
        long used = PlatformDependent.usedDirectMemory();
        if (used >= 0) {
            assertThat(used - directMemoryBefore).isLessThan(MEMORY_BOUND);
        }
    }
}
