package io.shoal.proxy.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.UpstreamTimeouts;
import io.shoal.config.UpstreamTlsConfig;
import io.shoal.proxy.RunningProxy;
import io.shoal.testing.RawBackends;
import io.shoal.testing.RawBackends.Misbehaving;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How Shoal holds its HTTP/2 connections to servers: TLS with ALPN, shared connections, failures. */
class Http2UpstreamIntegrationTest {
    @TempDir
    Path dir;

    private GrpcBackend backend;
    private RunningProxy proxy;
    private ManagedChannel channel;

    private void start(String server, UpstreamTlsConfig tls) throws Exception {
        start(List.of(server), tls);
    }

    private void start(List<String> servers, UpstreamTlsConfig tls) throws Exception {
        start(servers, tls, UpstreamTimeouts.defaults());
    }

    private void start(List<String> servers, UpstreamTlsConfig tls, UpstreamTimeouts timeouts) throws Exception {
        ShoalConfig web = TestConfigs.web(TestConfigs.threads(1), servers.toArray(String[]::new));
        ServiceConfig s = web.services().get("web");
        ServiceConfig service = new ServiceConfig(s.name(), s.servers(), s.balance(), s.sticky(), timeouts,
                s.retry(), s.queue(), s.pool(), s.health(), s.run(), s.autoscale(), tls, ServiceConfig.Protocol.H2);
        proxy = new RunningProxy(TestConfigs.withH2c(
                TestConfigs.config(web.proxy(), List.of(TestConfigs.catchAll("web")), service)));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", proxy.port()).usePlaintext().build();
    }

    private Server server() {
        return proxy.topology.current().service("web").servers().get(0);
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
    void overTlsTheServerIsSpokenToInH2ChosenByAlpn() throws Exception {
        Issued cert = TestCertificates.issue(dir, "grpc.internal", "grpc.internal");
        backend = new GrpcBackend(TlsServerCredentials.create(cert.cert().toFile(), cert.key().toFile()), 100);
        start(backend.address(), new UpstreamTlsConfig(UpstreamTlsConfig.Verify.REQUIRED, cert.cert(), "grpc.internal"));

        assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.UNARY, CallOptions.DEFAULT, "tls"))
                .isEqualTo("echo:tls");
        assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.UNARY, CallOptions.DEFAULT, "again"))
                .isEqualTo("echo:again");
        assertThat(backend.connections).hasValue(1);
    }

    @Test
    void aTlsServerThatDoesNotChooseH2IsPassedOverAsARefusedConnectionIs() throws Exception {
        Issued cert = TestCertificates.issue(dir, "grpc.internal", "grpc.internal");
        backend = new GrpcBackend(TlsServerCredentials.create(cert.cert().toFile(), cert.key().toFile()), 100);
        try (TlsWithoutAlpn http11 = new TlsWithoutAlpn(cert)) {
            // Nothing was sent to the server that did not choose h2, so even a POST may go to the next one.
            start(List.of(http11.address(), backend.address()),
                    new UpstreamTlsConfig(UpstreamTlsConfig.Verify.REQUIRED, cert.cert(), "grpc.internal"));

            for (int i = 0; i < 2; i++) {
                assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.UNARY, CallOptions.DEFAULT, "c" + i))
                        .isEqualTo("echo:c" + i);
            }
            assertThat(server().traffic().failures()).isEqualTo(1);
            assertThat(http11.bytesRead).hasValue(0);
        }
    }

    @Test
    void requestsShareAConnectionUntilItIsAtTheServersStreamLimit() throws Exception {
        backend = new GrpcBackend(io.grpc.InsecureServerCredentials.create(), 2);
        start(backend.address(), null);

        // Three calls open at once on a server that allows two streams per connection: two connections.
        List<StreamObserver<String>> calls = new ArrayList<>();
        List<BlockingQueue<String>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            answers.add(queue);
            calls.add(ClientCalls.asyncBidiStreamingCall(channel.newCall(GrpcBackend.CHAT, CallOptions.DEFAULT),
                    into(queue)));
            calls.get(i).onNext("c" + i);
            assertThat(queue.poll(20, TimeUnit.SECONDS)).isEqualTo("re:c" + i);
        }
        for (int i = 0; i < 3; i++) {
            calls.get(i).onNext("again" + i);
            assertThat(answers.get(i).poll(20, TimeUnit.SECONDS)).isEqualTo("re:again" + i);
            calls.get(i).onCompleted();
        }
        assertThat(backend.connections).hasValue(2);
    }

    @Test
    void aServerGoingAwayBeforeItAnswersIsAFailureOfThatServer() throws Exception {
        backend = new GrpcBackend();
        start(backend.address(), null);

        Thread closer = new Thread(() -> {
            try {
                backend.hanging.await();
                backend.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, GrpcBackend.HANG, CallOptions.DEFAULT, "x"));
        closer.join();

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(e.getStatus().getDescription()).contains("502");
        assertThat(server().traffic().failures()).isEqualTo(1);
    }

    @Test
    void aRequestGivenUpWhileItsConnectionOpensIsNotTriedAgainWhenTheConnectionFails() throws Exception {
        try (Misbehaving first = RawBackends.silent(); Misbehaving second = RawBackends.silent()) {
            // Both accept and never answer the TLS handshake, which times out after the connect timeout.
            start(List.of(first.address(), second.address()), new UpstreamTlsConfig(UpstreamTlsConfig.Verify.NONE, null, null),
                    new UpstreamTimeouts(Duration.ofMillis(300), UpstreamTimeouts.defaults().response()));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                client.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                await().atMost(Duration.ofSeconds(10)).until(() -> first.connections() + second.connections() == 1);
            }

            // The client is gone before the handshake fails: that failure is nobody's, and starts nothing.
            await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5)).until(() ->
                    first.connections() + second.connections() == 1
                            && proxy.topology.current().service("web").servers().stream()
                                    .allMatch(server -> server.traffic().failures() == 0 && server.inFlight() == 0));
        }
    }

    private static StreamObserver<String> into(BlockingQueue<String> queue) {
        return new StreamObserver<>() {
            @Override
            public void onNext(String answer) {
                queue.add(answer);
            }

            @Override
            public void onError(Throwable t) {
                queue.add("error: " + t);
            }

            @Override
            public void onCompleted() {}
        };
    }
}
