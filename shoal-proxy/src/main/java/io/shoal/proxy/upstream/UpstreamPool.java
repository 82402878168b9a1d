package io.shoal.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.shoal.config.UpstreamTlsConfig;
import io.shoal.proxy.Transport;
import io.shoal.proxy.net.SocketBytes;
import io.shoal.proxy.tls.UpstreamContexts;
import io.shoal.proxy.tls.UpstreamTls;
import io.shoal.topology.Server;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;

/**
 * Keep-alive connections to every server, for ONE event loop: client connections of that loop reuse
 * them with no cross-thread hand-off (Zuul's per-event-loop pools); HTTP/2 ones, shared by streams, are
 * in {@link Http2ServerConnections}. Event-loop confined, so no locks.
 */
public final class UpstreamPool {
    public static final String ENCODER = "request-encoder";
    public static final String DECODER = "response-decoder";
    public static final String IDLE = "idle-timeout";
    public static final String HANDLER = "upstream";
    public static final String TLS = "upstream-tls";
    private static final int STATUS_LINE_BYTES = 8192;

    private final Connector connector;
    private final Map<Server, ArrayDeque<Channel>> idle = new IdentityHashMap<>();
    private final UpstreamContexts tls;
    private final Http2ServerConnections http2 = new Http2ServerConnections(this);

    /** @param tls the contexts of TLS to servers, built off the event loops and shared by every pool */
    public UpstreamPool(Connector connector, UpstreamContexts tls) {
        this.connector = connector;
        this.tls = tls;
    }

    /** Opens a connection whose pipeline {@code initializer} sets up. */
    public interface Connector {
        ChannelFuture connect(InetSocketAddress address, int connectTimeoutMillis, ChannelHandler initializer);

        /** TCP from {@code loop}, reads requested explicitly. */
        static Connector tcp(EventLoop loop, Transport transport) {
            Bootstrap bootstrap = new Bootstrap()
                    .group(loop)
                    .channel(transport.socketChannel())
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.TCP_NODELAY, true);
            return (address, timeoutMillis, initializer) -> bootstrap.clone()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                    .handler(initializer)
                    .connect(address);
        }
    }

    /** This loop's HTTP/2 connections, shared by the streams of the requests to their servers. */
    Http2ServerConnections http2() {
        return http2;
    }

    /** A live idle connection to {@code server}, or null. The most recently used comes first. */
    Channel pollIdle(Server server) {
        ArrayDeque<Channel> channels = idle.get(server);
        if (channels == null) {
            return null;
        }
        Channel channel;
        while ((channel = channels.pollLast()) != null) {
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /**
     * Opens an HTTP/1.1 connection to {@code server}, counting its connect time when it succeeds; with
     * {@code tlsConfig} (null for plain HTTP) it succeeds once the TLS handshake has, and a failed handshake fails it.
     */
    ChannelFuture connect(Server server, UpstreamTlsConfig tlsConfig, long connectTimeoutMillis,
                          long idleTimeoutMillis, int maxHeaderBytes) {
        return open(server, tlsConfig, connectTimeoutMillis, false, ch -> {
            // Reader idle is enough: a pooled connection always has a read pending. An
            // all-idle timer would also wrap every write in a promise and a listener.
            UpstreamResponseDecoder decoder = new UpstreamResponseDecoder(STATUS_LINE_BYTES + maxHeaderBytes);
            RequestBodyEncoder encoder = new RequestBodyEncoder();
            ch.pipeline()
                    .addLast(IDLE, new IdleStateHandler(idleTimeoutMillis, 0, 0, TimeUnit.MILLISECONDS))
                    .addLast(ENCODER, encoder)
                    .addLast(DECODER, decoder)
                    .addLast(HANDLER, new UpstreamHandler(encoder, decoder));
        });
    }

    /**
     * Opens a connection whose protocol steps {@code steps} adds after the byte counter and the TLS step;
     * {@code h2}: TLS must agree on h2 by ALPN, or the connection fails, and the steps come only once it has,
     * so that a server that did not agree gets no HTTP/2 preface.
     */
    ChannelFuture open(Server server, UpstreamTlsConfig tlsConfig, long connectTimeoutMillis, boolean h2,
                       Consumer<Channel> steps) {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis);
        long startNanos = System.nanoTime();
        UpstreamTls upstreamTls = tlsConfig == null ? null : tls.get(tlsConfig);
        ChannelFuture connecting = connector.connect(server.address(), timeoutMillis, new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(SocketBytes.NAME, new SocketBytes(
                                server.traffic()::addBytesOut, server.traffic()::addBytesIn));
                        if (upstreamTls != null) {
                            // After the byte counter, so that it counts the bytes on the wire.
                            ch.pipeline().addLast(TLS, upstreamTls.newHandler(ch.alloc(), server, timeoutMillis, h2));
                        }
                        if (upstreamTls == null || !h2) {
                            steps.accept(ch);
                        }
                    }
                });
        ChannelFuture ready = tlsConfig == null ? connecting
                : upstreamTls == null ? unpublished(connecting, tlsConfig) : handshaken(connecting, h2 ? steps : null);
        return ready.addListener(done -> {
            if (done.isSuccess()) {
                server.traffic().recordConnect(System.nanoTime() - startNanos);
            }
        });
    }

    /**
     * Completes when the connection is open and its TLS handshake done; a failed handshake closes it, and
     * so does a server that does not pick h2 when {@code h2Steps} wait for it (they are added once it has).
     */
    private static ChannelFuture handshaken(ChannelFuture connecting, Consumer<Channel> h2Steps) {
        ChannelPromise ready = connecting.channel().newPromise();
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                ready.setFailure(connected.cause());
                return;
            }
            Channel channel = connecting.channel();
            SslHandler ssl = channel.pipeline().get(SslHandler.class);
            ssl.handshakeFuture().addListener(handshake -> {
                if (!handshake.isSuccess()) {
                    channel.close();
                    ready.setFailure(handshake.cause());
                } else if (h2Steps != null && !ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol())) {
                    channel.close();
                    ready.setFailure(new SSLHandshakeException("the server did not choose h2 by ALPN (it chose "
                            + ssl.applicationProtocol() + ")"));
                } else {
                    if (h2Steps != null) {
                        h2Steps.accept(channel);
                    }
                    ready.setSuccess();
                }
            });
            channel.read(); // reads are explicit: the handshake needs the server's answers
        });
        return ready;
    }

    /**
     * Fails the attempt, closing the connection unused, when a service's {@code tls} has no context: one that
     * no reload published (their contexts are published before their snapshot). Never plain text instead.
     */
    private static ChannelFuture unpublished(ChannelFuture connecting, UpstreamTlsConfig tlsConfig) {
        ChannelPromise failed = connecting.channel().newPromise();
        connecting.addListener(connected -> {
            connecting.channel().close();
            failed.setFailure(new IllegalStateException("no TLS context was built for " + tlsConfig));
        });
        return failed;
    }

    /** Closes the idle connections to a server leaving rotation; busy ones close after their response. */
    public void closeIdle(Server server) {
        http2.closeIdle(server);
        ArrayDeque<Channel> channels = idle.remove(server);
        if (channels != null) {
            for (Channel channel : channels) {
                channel.close();
            }
        }
    }

    /** Returns a connection whose last exchange ended cleanly; closes it when the pool is full. */
    void release(Server server, Channel channel, int maxIdle) {
        ArrayDeque<Channel> channels = idle.computeIfAbsent(server, s -> new ArrayDeque<>());
        if (channels.size() >= maxIdle || !channel.isActive()) {
            channel.close();
            return;
        }
        channels.addLast(channel);
        // Keep one read pending so that the server closing the idle connection is seen at once.
        channel.read();
    }
}
