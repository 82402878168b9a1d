package io.shoal.health;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 server on an ephemeral loopback port, on its own event loop, modelled on seed 003's
 * Flask app: {@code /health} answers 200 with {@link #healthBody} until {@code /fail}, then 503 until
 * {@code /recover}. {@code /slow?ms=N} answers after N ms without holding a thread,
 * {@code /status?code=N} answers that status, anything else answers {@link #status} with the name.
 *
 * <p>"Traffic" is every request but {@code /health}, {@code /fail} and {@code /recover}: what the proxy
 * forwards. {@link #trafficConnections} counts the open connections that carried traffic, so that a
 * test sees the proxy's keep-alive connections close while health-check connections come and go.
 */
final class HealthBackend implements AutoCloseable {
    static final String HEALTHY_BODY = "{\"status\":\"healthy\"}";

    final String name;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger trafficConnections = new AtomicInteger();
    final AtomicInteger health200 = new AtomicInteger();
    final AtomicInteger health503 = new AtomicInteger();
    /** {@code /health} requests answered since the last {@code /fail} or {@code /recover}. */
    volatile int healthStreak;
    /** The body of a passing {@code /health}. */
    volatile String healthBody = HEALTHY_BODY;
    /** The status of plain requests. */
    volatile int status = 200;
    volatile long lastSlowAnsweredNanos;
    private volatile boolean healthy = true;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;

    HealthBackend(String name) throws InterruptedException {
        this.name = name;
        this.listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024), new Handler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** What {@code GET /fail} and {@code GET /recover} do. */
    void setHealthy(boolean healthy) {
        this.healthy = healthy;
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private boolean carriedTraffic;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            switch (uri.path()) {
                case "/health":
                    healthStreak++;
                    if (healthy) {
                        health200.incrementAndGet();
                        respond(ctx, keepAlive, 200, healthBody);
                    } else {
                        health503.incrementAndGet();
                        respond(ctx, keepAlive, 503, "{\"status\":\"unhealthy\"}");
                    }
                    return;
                case "/fail":
                    healthy = false;
                    healthStreak = 0;
                    respond(ctx, keepAlive, 200, "Server marked as unhealthy");
                    return;
                case "/recover":
                    healthy = true;
                    healthStreak = 0;
                    respond(ctx, keepAlive, 200, "Server marked as healthy");
                    return;
                default:
                    break;
            }
            if (!carriedTraffic) {
                carriedTraffic = true;
                trafficConnections.incrementAndGet();
            }
            requests.incrementAndGet();
            inFlight.incrementAndGet();
            if (uri.path().equals("/slow")) {
                long millis = Long.parseLong(uri.parameters().get("ms").get(0));
                ctx.executor().schedule(() -> {
                    lastSlowAnsweredNanos = System.nanoTime();
                    answer(ctx, keepAlive, 200);
                }, millis, TimeUnit.MILLISECONDS);
            } else if (uri.path().equals("/status")) {
                answer(ctx, keepAlive, Integer.parseInt(uri.parameters().get("code").get(0)));
            } else {
                answer(ctx, keepAlive, status);
            }
        }

        private void answer(ChannelHandlerContext ctx, boolean keepAlive, int code) {
            inFlight.decrementAndGet();
            respond(ctx, keepAlive, code, name);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (carriedTraffic) {
                trafficConnections.decrementAndGet();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, int code, String text) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Stops at once: the listening socket and every open connection close. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
