package io.shoal.proxy.http1;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.RedirectConfig;
import io.shoal.proxy.net.SocketBytes;
import io.shoal.proxy.tls.ListenerTls;
import io.shoal.proxy.upstream.Scheme;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline of a client connection, composed by named steps: {@value #BYTES}, on a TLS listener
 * {@value #TLS}, then {@value #HEAD_TIMER} -> {@value #DECODER} -> {@value #FRAMING} -> {@value #PROXY}
 * (or, on a redirecting listener, the redirect in its place).
 * Responses are written as bytes (the upstream's head copied, not re-encoded), so there is no response encoder.
 */
public final class ClientChannelInitializer extends ChannelInitializer<Channel> {
    static final String BYTES = SocketBytes.NAME;
    static final String TLS = "tls";
    static final String HEAD_TIMER = "request-head-timer";
    static final String DECODER = "http-decoder";
    static final String FRAMING = "framing-validator";
    static final String PROXY = "proxy";

    private final ProxyContext proxy;
    private final int listenerIndex;
    private final Optional<ListenerTls> tls;
    private final Optional<RedirectConfig> redirect;
    private final ListenerFields fields;
    private final Scheme scheme;
    private final AtomicInteger connections;
    private final ConnectionStats stats;
    private final ListenerStats listener;

    /**
     * @param tls the listener's TLS contexts, or empty on a plain-HTTP listener
     * @param listenerConfig the listener's redirect, which answers every request in place of routing, and fields
     */
    public ClientChannelInitializer(ProxyContext proxy, int listenerIndex, Optional<ListenerTls> tls,
                                    ListenerConfig listenerConfig, AtomicInteger connections, ConnectionStats stats) {
        this.proxy = proxy;
        this.listenerIndex = listenerIndex;
        this.tls = tls;
        this.redirect = listenerConfig.redirect();
        this.fields = ListenerFields.of(listenerConfig.hsts());
        this.scheme = tls.isPresent() ? Scheme.HTTPS : Scheme.HTTP;
        this.connections = connections;
        this.stats = stats;
        this.listener = stats.listeners().get(listenerIndex);
    }

    @Override
    protected void initChannel(Channel channel) {
        ProxySettings settings = proxy.settings();
        // max_connections: past the limit a new connection is closed at once, as nginx does past worker_connections.
        if (connections.incrementAndGet() > settings.maxConnections()) {
            connections.decrementAndGet();
            listener.accepted(false);
            channel.close();
            return;
        }
        listener.accepted(true);
        channel.closeFuture().addListener(f -> {
            connections.decrementAndGet();
            listener.closed();
        });
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxRequestLineBytes())
                .setMaxHeaderSize(settings.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024);
        RequestHeadTimer headTimer = new RequestHeadTimer(
                settings.idleTimeout().toNanos(), settings.clientHeaderTimeout().toNanos(), listener);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(BYTES, new SocketBytes(listener::read, listener::written));
        tls.ifPresent(t -> pipeline.addLast(TLS, t.newHandler()));
        pipeline.addLast(HEAD_TIMER, headTimer);
        pipeline.addLast(DECODER, new StrictRequestDecoder(decoder));
        pipeline.addLast(FRAMING, new RequestFramingValidator());
        ConnectionPhase phase = new ConnectionPhase(stats, listener);
        pipeline.addLast(PROXY, redirect.isPresent()
                ? new RedirectHandler(redirect.get(), headTimer, listener, phase)
                : new ClientHandler(proxy, listenerIndex, scheme, fields, headTimer, listener, phase));
    }
}
