package io.shoal.proxy.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.shoal.config.CertificateConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TlsConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.TestConfigs;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC through Shoal to a real grpc-java server spoken to in h2c ({@code protocol: h2}): grpc-java clients
 * over h2c and over TLS with ALPN, and an HTTP/1.1 client.
 */
class GrpcPassThroughIntegrationTest {
    @TempDir
    static Path dir;
    static Issued localhost;

    private GrpcBackend backend;
    private RunningProxy proxy;
    private ManagedChannel channel;

    @BeforeAll
    static void certificates() {
        localhost = TestCertificates.issue(dir, "localhost", "localhost");
    }

    /** One h2 service "web" over {@code servers}, on a listener that takes h2c. */
    private static ShoalConfig h2Service(String... servers) {
        ShoalConfig web = TestConfigs.web(TestConfigs.threads(1), servers);
        ServiceConfig service = TestConfigs.withProtocol(web.services().get("web"), ServiceConfig.Protocol.H2);
        return TestConfigs.withH2c(TestConfigs.config(web.proxy(), List.of(TestConfigs.catchAll("web")), service));
    }

    private void startH2c(String... servers) throws Exception {
        proxy = new RunningProxy(h2Service(servers));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", proxy.port()).usePlaintext().build();
    }

    private void startTls(String... servers) throws Exception {
        TlsConfig tls = TlsConfig.of(List.of(new CertificateConfig(localhost.cert(), localhost.key())));
        proxy = new RunningProxy(TestConfigs.withTls(h2Service(servers), tls));
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", proxy.port(),
                        TlsChannelCredentials.newBuilder().trustManager(localhost.cert().toFile()).build())
                .overrideAuthority("localhost")
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        if (proxy != null) {
            proxy.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aUnaryAndABidirectionalCallPassOverH2c() throws Exception {
        backend = new GrpcBackend();
        startH2c(backend.address());

        assertUnaryAndChatWork();
    }

    @Test
    void aUnaryAndABidirectionalCallPassOverTlsWithAlpn() throws Exception {
        backend = new GrpcBackend();
        startTls(backend.address());

        assertUnaryAndChatWork();
    }

    private void assertUnaryAndChatWork() throws Exception {
        assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.UNARY, CallOptions.DEFAULT, "hello"))
                .isEqualTo("echo:hello");

        // Each message waits for the answer to the one before: nothing may hold the first back.
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        StreamObserver<String> requests = ClientCalls.asyncBidiStreamingCall(
                channel.newCall(GrpcBackend.CHAT, CallOptions.DEFAULT), collecting(answers, closed));
        for (int i = 1; i <= 4; i++) {
            requests.onNext("m" + i);
            assertThat(answers.poll(20, TimeUnit.SECONDS)).isEqualTo("re:m" + i);
        }
        requests.onCompleted();
        assertThat(closed.get(20, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
        assertThat(answers).isEmpty();
    }

    private static StreamObserver<String> collecting(BlockingQueue<String> answers, CompletableFuture<Status> closed) {
        return new StreamObserver<>() {
            @Override
            public void onNext(String answer) {
                answers.add(answer);
            }

            @Override
            public void onError(Throwable t) {
                closed.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                closed.complete(Status.OK);
            }
        };
    }

    @Test
    void messagesLargerThanEveryWindowPassBothWays() throws Exception {
        backend = new GrpcBackend();
        startH2c(backend.address());
        String large = "x".repeat(3 * 1024 * 1024);

        // Both bodies outgrow the stream and connection windows: each side must open them as it reads.
        assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.UNARY, CallOptions.DEFAULT, large))
                .isEqualTo("echo:" + large);
    }

    @Test
    void aClientThatReadsNothingHoldsTheServerBackThroughTheProxy() throws Exception {
        backend = new GrpcBackend();
        startH2c(backend.address());

        // The client asks for one message and reads no more: its window, then Shoal's towards the server, close.
        ClientCall<String, String> call = channel.newCall(GrpcBackend.FLOOD, CallOptions.DEFAULT);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(String message) {
                received.add(message);
            }
        }, new Metadata());
        call.sendMessage("go");
        call.halfClose();
        call.request(1);

        assertThat(received.poll(20, TimeUnit.SECONDS)).hasSize(GrpcBackend.FLOOD_MESSAGE_BYTES);
        AtomicLong last = new AtomicLong(-1);
        await("the server held back: it sends no more").pollInterval(Duration.ofMillis(100))
                .during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(20)).until(() -> {
                    long now = backend.floodBytes.get();
                    return now == last.getAndSet(now);
                });
        // The client's window (grpc-java's 1 MiB), Shoal's buffers and windows, the server's own: a few MiB, not more.
        assertThat(backend.floodBytes.get()).isLessThan(8L * 1024 * 1024);
        call.cancel("done", null);
    }

    @Test
    void anErrorStatusAndItsMessageReachTheClient() throws Exception {
        backend = new GrpcBackend();
        startH2c(backend.address());

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, GrpcBackend.FIND, CallOptions.DEFAULT, "x"));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(e.getStatus().getDescription()).isEqualTo("no such thing: x");
    }

    @Test
    void aServerThatRefusesConnectionsIsPassedOverForTheNext() throws Exception {
        backend = new GrpcBackend();
        String down;
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = "127.0.0.1:" + closed.getLocalPort();
        }
        startH2c(down, backend.address());

        for (int i = 0; i < 4; i++) {
            assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.UNARY, CallOptions.DEFAULT, "r" + i))
                    .isEqualTo("echo:r" + i);
        }
        assertThat(proxy.topology.current().service("web").servers().get(0).traffic().retries()).isPositive();
    }

    @Test
    void anHttp11ClientGetsTheResponseWithItsTrailersOnlyWhenItTakesTrailers() throws Exception {
        backend = new GrpcBackend();
        startH2c(backend.address());

        String withTrailers = RawHttp.exchange(proxy.port(), grpcOverHttp11("TE: trailers\r\n"));
        String without = RawHttp.exchange(proxy.port(), grpcOverHttp11(""));

        assertThat(withTrailers).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("content-type: application/grpc")
                .contains("echo:x").endsWith("\r\n0\r\ngrpc-status: 0\r\n\r\n");
        assertThat(without).startsWith("HTTP/1.1 200 OK\r\n").contains("echo:x").endsWith("\r\n0\r\n\r\n")
                .doesNotContain("grpc-status");
    }

    /** A unary call to test.Echo/Unary with the message "x", framed as gRPC frames it (RFC-less: flag, length, bytes). */
    private static String grpcOverHttp11(String te) {
        return "POST /test.Echo/Unary HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/grpc\r\n" + te
                + "Content-Length: 6\r\nConnection: close\r\n\r\n\0\0\0\0\1x";
    }
}
