package io.shoal.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;

/**
 * A Netty server on 127.0.0.1:0 that answers every request {@code 200} with {@link #BODY} and the header
 * {@code X-Server: netty}, after {@code answerDelay} (so that
 * concurrent requests overlap), in one of four protocols: plain HTTP/1.1 (a backend fast enough not to be what a
 * load through Shoal measures), HTTPS with HTTP/1.1 (offering only {@code http/1.1} by ALPN, so it also stands for
 * a server that refuses h2), HTTP/2 over TLS chosen by ALPN, and h2c with prior knowledge. It counts connections, requests answered, request body bytes, streams reset by the client and completed
 * TLS handshakes, keeps the
 * SNI names asked for, and records the most HTTP/2 streams open at once on one connection.
 */
public final class NettyTestServer implements AutoCloseable {
    public enum Protocol { HTTP, HTTPS, H2, H2C }

    /** The body of every answer. */
    public static final String BODY = "{\"instance\":\"netty\"}";

    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicLong requestBodyBytes = new AtomicLong();
    /** HTTP/2 streams the client reset (RST_STREAM). */
    public final AtomicInteger streamResets = new AtomicInteger();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicInteger handshakes = new AtomicInteger();
    public final AtomicInteger maxConcurrentStreams = new AtomicInteger();
    public final List<String> serverNames = new CopyOnWriteArrayList<>();
    /** HTTP/2 connections this server closed gracefully (GOAWAY) after {@link #goAwayAfter} requests. */
    public final AtomicInteger goAways = new AtomicInteger();
    volatile int goAwayAfter;
    private final Protocol protocol;
    private final long answerDelayNanos;
    private final SslContext tls;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    private NettyTestServer(Protocol protocol, TestCertificates.Issued certificate, Duration answerDelay) throws SSLException {
        this.protocol = protocol;
        this.answerDelayNanos = answerDelay.toNanos();
        this.tls = protocol == Protocol.H2C || protocol == Protocol.HTTP ? null : serverContext(certificate,
                protocol == Protocol.H2 ? ApplicationProtocolNames.HTTP_2 : ApplicationProtocolNames.HTTP_1_1);
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline(ch);
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    /** {@code certificate} is unused (may be null) for {@link Protocol#HTTP} and {@link Protocol#H2C}. */
    public static NettyTestServer start(Protocol protocol, TestCertificates.Issued certificate, Duration answerDelay) {
        try {
            return new NettyTestServer(protocol, certificate, answerDelay);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot load the test certificate: " + e, e);
        }
    }

    /** {@code https://localhost:PORT/path} (plain HTTP and h2c: {@code http://}). */
    public URI uri(String path) {
        return URI.create((tls == null ? "http" : "https") + "://localhost:" + port() + path);
    }

    /**
     * HTTP/2: after receiving this many requests on a connection, send GOAWAY and close it once they are answered,
     * as nginx does after {@code keepalive_requests}; requests that arrive after the GOAWAY are not processed.
     */
    public NettyTestServer goAwayAfter(int requests) {
        goAwayAfter = requests;
        return this;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static SslContext serverContext(TestCertificates.Issued certificate, String alpn) throws SSLException {
        return SslContextBuilder.forServer(certificate.cert().toFile(), certificate.key().toFile()).sslProvider(SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn))
                .build();
    }

    private void pipeline(Channel ch) {
        connections.incrementAndGet();
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            SslHandler ssl = tls.newHandler(ch.alloc());
            ssl.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    handshakes.incrementAndGet();
                    if (ssl.engine().getSession() instanceof ExtendedSSLSession session) {
                        session.getRequestedServerNames().forEach(n -> serverNames.add(((SNIHostName) n).getAsciiName()));
                    }
                }
            });
            p.addLast(ssl);
        }
        if (protocol == Protocol.HTTPS || protocol == Protocol.HTTP) {
            p.addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Http1Answers());
        } else {
            // A graceful close (GOAWAY) waits this long for the open streams' answers.
            p.addLast(Http2FrameCodecBuilder.forServer().gracefulShutdownTimeoutMillis(10_000).build(), new Http2Answers(this));
        }
    }

    /** Runs {@code answer} after the answer delay, on the connection's event loop. */
    void later(ChannelHandlerContext ctx, Runnable answer) {
        if (answerDelayNanos == 0) {
            answer.run();
        } else {
            ctx.executor().schedule(answer, answerDelayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private final class Http1Answers extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            requestBodyBytes.addAndGet(request.content().readableBytes());
            later(ctx, () -> {
                requests.incrementAndGet();
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer(BODY, StandardCharsets.US_ASCII));
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length()).set("x-server", "netty");
                HttpUtil.setKeepAlive(response, keepAlive);
                ctx.writeAndFlush(response).addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
            });
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
