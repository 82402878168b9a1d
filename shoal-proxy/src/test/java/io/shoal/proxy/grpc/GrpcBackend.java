package io.shoal.proxy.grpc;

import io.grpc.Attributes;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real grpc-java server on a loopback port, speaking h2c with prior knowledge, with methods written by
 * hand (String messages, no protoc): {@code test.Echo/Unary} answers {@code echo:<request>},
 * {@code test.Echo/Chat} answers each message with {@code re:<message>} as it comes, and
 * {@code test.Echo/Find} fails with NOT_FOUND and a message, {@code test.Echo/Hang} never answers, {@code test.Echo/Flood} answers as fast as flow control lets it.
 */
final class GrpcBackend implements AutoCloseable {
    static final MethodDescriptor.Marshaller<String> STRING = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    static final MethodDescriptor<String, String> UNARY = method("Unary", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<String, String> CHAT = method("Chat", MethodDescriptor.MethodType.BIDI_STREAMING);
    static final MethodDescriptor<String, String> FIND = method("Find", MethodDescriptor.MethodType.UNARY);

    /** Never answers: a call to it waits until the server goes away. */
    static final MethodDescriptor<String, String> HANG = method("Hang", MethodDescriptor.MethodType.UNARY);

    /** Answers with 16 KiB messages for as long as the call is ready for more (its flow control allows). */
    static final MethodDescriptor<String, String> FLOOD = method("Flood", MethodDescriptor.MethodType.SERVER_STREAMING);
    static final int FLOOD_MESSAGE_BYTES = 16 * 1024;

    private final Server server;
    /** Bytes of {@link #FLOOD} messages handed to the server's transport so far. */
    final AtomicLong floodBytes = new AtomicLong();
    /** HTTP/2 connections the server has accepted so far. */
    final AtomicInteger connections = new AtomicInteger();
    /** Calls to {@link #HANG} that arrived. */
    final CountDownLatch hanging = new CountDownLatch(1);

    GrpcBackend() throws IOException {
        this(InsecureServerCredentials.create(), Integer.MAX_VALUE);
    }

    /** @param maxCallsPerConnection the server's SETTINGS_MAX_CONCURRENT_STREAMS */
    GrpcBackend(ServerCredentials credentials, int maxCallsPerConnection) throws IOException {
        ServerServiceDefinition echo = ServerServiceDefinition.builder("test.Echo")
                .addMethod(UNARY, ServerCalls.asyncUnaryCall((String request, StreamObserver<String> response) -> {
                    response.onNext("echo:" + request);
                    response.onCompleted();
                }))
                .addMethod(CHAT, ServerCalls.asyncBidiStreamingCall(GrpcBackend::chat))
                .addMethod(FIND, ServerCalls.asyncUnaryCall((String request, StreamObserver<String> response) ->
                        response.onError(Status.NOT_FOUND.withDescription("no such thing: " + request).asRuntimeException())))
                .addMethod(FLOOD, ServerCalls.asyncServerStreamingCall(this::flood))
                .addMethod(HANG, ServerCalls.asyncUnaryCall((String request, StreamObserver<String> response) ->
                        hanging.countDown()))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
                .maxConcurrentCallsPerConnection(maxCallsPerConnection)
                .addTransportFilter(new ServerTransportFilter() {
                    @Override
                    public Attributes transportReady(Attributes transport) {
                        connections.incrementAndGet();
                        return transport;
                    }
                })
                .addService(echo)
                .build()
                .start();
    }

    private void flood(String request, StreamObserver<String> response) {
        ServerCallStreamObserver<String> call = (ServerCallStreamObserver<String>) response;
        String message = "f".repeat(FLOOD_MESSAGE_BYTES);
        call.setOnReadyHandler(() -> {
            while (call.isReady() && !call.isCancelled()) {
                call.onNext(message);
                floodBytes.addAndGet(FLOOD_MESSAGE_BYTES);
            }
        });
    }

    private static StreamObserver<String> chat(StreamObserver<String> response) {
        return new StreamObserver<>() {
            @Override
            public void onNext(String message) {
                response.onNext("re:" + message);
            }

            @Override
            public void onError(Throwable t) {
                response.onError(t);
            }

            @Override
            public void onCompleted() {
                response.onCompleted();
            }
        };
    }

    private static MethodDescriptor<String, String> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<String, String>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Echo", name))
                .setRequestMarshaller(STRING)
                .setResponseMarshaller(STRING)
                .build();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
