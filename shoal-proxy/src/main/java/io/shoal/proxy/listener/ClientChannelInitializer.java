package io.shoal.proxy.listener;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ProxySettings;
import io.shoal.proxy.http.ProxyContext;
import io.shoal.proxy.http1.Http1Pipeline;
import io.shoal.proxy.http2.Http2Connections;
import io.shoal.proxy.http2.Http2Pipeline;
import io.shoal.proxy.net.ConnectionsPerAddress;
import io.shoal.proxy.net.SocketBytes;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.stats.ConnectionPhase;
import io.shoal.proxy.stats.ConnectionStats;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.proxy.tls.ListenerTls;
import io.shoal.proxy.upstream.Scheme;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline of a client connection, composed by named steps: {@value #BYTES}, on a TLS listener
 * {@value #TLS}, then the protocol's steps ({@link Http1Pipeline}, {@link Http2Pipeline}). Where the
 * listener speaks both, {@value #PROTOCOL} first finds which one the client speaks: by ALPN in the TLS
 * handshake, or on a plain listener by the HTTP/2 connection preface (prior knowledge).
 */
public final class ClientChannelInitializer extends ChannelInitializer<Channel> {
    static final String BYTES = SocketBytes.NAME;
    static final String TLS = "tls";
    static final String PROTOCOL = "protocol";

    private final ProxySettings settings;
    private final ConnectionsPerAddress perClient;
    private final Optional<ListenerTls> tls;
    private final AtomicInteger connections;
    private final ConnectionStats stats;
    private final ListenerStats listener;
    private final Http1Pipeline http1;
    /** Null where clients speak HTTP/1.1 only. */
    private final Http2Pipeline http2;

    /**
     * @param tls the listener's TLS contexts, or empty on a plain-HTTP listener
     * @param listenerConfig the listener's redirect, which answers every request in place of routing, fields and protocols
     */
    public ClientChannelInitializer(ProxyContext proxy, int listenerIndex, Optional<ListenerTls> tls,
                                    ListenerConfig listenerConfig, AtomicInteger connections, ConnectionStats stats,
                                    Http2Connections http2Connections) {
        this.settings = proxy.settings();
        this.perClient = proxy.connectionsPerClient();
        this.tls = tls;
        this.connections = connections;
        this.stats = stats;
        this.listener = stats.listeners().get(listenerIndex);
        Scheme scheme = tls.isPresent() ? Scheme.HTTPS : Scheme.HTTP;
        ResponseFields fields = ResponseFields.of(listenerConfig.hsts());
        this.http1 = new Http1Pipeline(proxy, listenerIndex, scheme, listenerConfig.redirect(), fields, listener);
        this.http2 = listenerConfig.http2() && listenerConfig.redirect().isEmpty()
                ? new Http2Pipeline(proxy, listenerIndex, scheme, fields, listener, http2Connections) : null;
    }

    @Override
    protected void initChannel(Channel channel) {
        // max_connections, and max_connections_per_client: past either limit a new connection is closed at
        // once, as nginx does past worker_connections (and HAProxy's "tcp-request connection reject" does).
        InetAddress address = ((InetSocketAddress) channel.remoteAddress()).getAddress();
        boolean underTotal = connections.incrementAndGet() <= settings.maxConnections();
        if (!underTotal || !perClient.tryOpen(address)) {
            connections.decrementAndGet();
            listener.accepted(false);
            channel.close();
            return;
        }
        listener.accepted(true);
        channel.closeFuture().addListener(f -> {
            connections.decrementAndGet();
            perClient.closed(address);
            listener.closed();
        });
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(BYTES, new SocketBytes(listener::read, listener::written));
        tls.ifPresent(t -> pipeline.addLast(TLS, t.newHandler(settings.clientHeaderTimeout().toMillis())));
        ProtocolChoice choice = new ProtocolChoice(http1, http2, new ConnectionPhase(stats, listener));
        if (http2 == null) {
            choice.install(pipeline, ProtocolChoice.Protocol.HTTP_1_1);
        } else if (tls.isPresent()) {
            pipeline.addLast(PROTOCOL, new AlpnStep(choice));
        } else {
            pipeline.addLast(PROTOCOL, new PriorKnowledgeStep(choice, settings.clientHeaderTimeout().toNanos()));
        }
    }
}
