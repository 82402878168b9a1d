package io.shoal.health;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.shoal.config.HealthCheckConfig;
import io.shoal.topology.CheckResult;
import io.shoal.topology.Server;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * The {@code grpc} check: one call of the gRPC health protocol's {@code grpc.health.v1.Health/Check}
 * over h2c with prior knowledge (as Envoy's {@code grpc_health_check} makes it), which passes when the
 * call ends with {@code grpc-status: 0} and the answer says SERVING; anything else fails, saying what
 * came instead ({@code NOT_SERVING}, {@code grpc-status 5: unknown service}, an HTTP status).
 */
final class GrpcProbe implements Probe {
    private static final String PATH = "/grpc.health.v1.Health/Check";
    /** The answer is a few bytes; more is not a health answer. */
    private static final int MAX_ANSWER_BYTES = 1024;

    private final HealthCheckConfig config;
    private final Class<? extends SocketChannel> channelType;

    GrpcProbe(HealthCheckConfig config, Class<? extends SocketChannel> channelType) {
        this.config = config;
        this.channelType = channelType;
    }

    @Override
    public void run(Server server, EventLoop loop, Consumer<CheckResult> done) {
        ProbeContext probe = new ProbeContext(done);
        probe.connect(server, loop, channelType, config.timeout(), new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(
                        Http2FrameCodecBuilder.forClient().initialSettings(new Http2Settings().pushEnabled(false)).build(),
                        new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                        new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                ctx.fireChannelActive();
                                new Http2StreamChannelBootstrap(ctx.channel()).handler(new Call(probe, server)).open()
                                        .addListener(opened -> {
                                            if (!opened.isSuccess()) {
                                                probe.fail(ProbeContext.describe(opened.cause()));
                                            }
                                        });
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                probe.fail("connection closed before the answer");
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                probe.fail(ProbeContext.describe(cause));
                            }
                        });
            }
        });
    }

    /** The one stream of the check: sends the request, judges the answer at its end. */
    private final class Call extends ChannelInboundHandlerAdapter {
        private final ProbeContext probe;
        private final Server server;
        private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
        private boolean headReceived;

        Call(ProbeContext probe, Server server) {
            this.probe = probe;
            this.server = server;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Http2Headers head = new DefaultHttp2Headers()
                    .method("POST").scheme("http").path(PATH)
                    .authority(server.config().address().host() + ":" + server.address().getPort())
                    .set("content-type", "application/grpc")
                    .set("te", "trailers");
            ctx.write(new DefaultHttp2HeadersFrame(head, false));
            ctx.writeAndFlush(new DefaultHttp2DataFrame(
                    Unpooled.wrappedBuffer(GrpcHealthMessages.request(config.grpcService())), true));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers) {
                    onHeaders(headers);
                } else if (msg instanceof Http2DataFrame data) {
                    ByteBuf content = data.content();
                    if (answer.size() + content.readableBytes() > MAX_ANSWER_BYTES) {
                        probe.fail("an answer of more than " + MAX_ANSWER_BYTES + " bytes");
                        return;
                    }
                    content.readBytes(answer, content.readableBytes());
                }
            } catch (java.io.IOException e) {
                probe.fail(ProbeContext.describe(e));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        /** The response head, then the trailers; a head that ends the stream is both (trailers-only). */
        private void onHeaders(Http2HeadersFrame frame) {
            Http2Headers fields = frame.headers();
            if (!headReceived) {
                headReceived = true;
                if (fields.status() == null || !fields.status().toString().equals("200")) {
                    probe.fail("HTTP status " + fields.status());
                    return;
                }
            }
            if (frame.isEndStream()) {
                judge(fields.get("grpc-status"), fields.get("grpc-message"));
            }
        }

        private void judge(CharSequence grpcStatus, CharSequence grpcMessage) {
            if (grpcStatus == null || !grpcStatus.toString().equals("0")) {
                probe.fail("grpc-status " + grpcStatus + (grpcMessage == null ? "" : ": " + grpcMessage));
                return;
            }
            int status = GrpcHealthMessages.servingStatus(answer.toByteArray());
            if (status == GrpcHealthMessages.SERVING) {
                probe.pass("SERVING");
            } else {
                probe.fail(status < 0 ? "not a health answer" : GrpcHealthMessages.statusName(status));
            }
        }
    }
}
