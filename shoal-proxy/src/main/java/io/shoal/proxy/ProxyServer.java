package io.shoal.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.shoal.config.HostPort;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.proxy.http.ProxyContext;
import io.shoal.proxy.http2.Http2Connections;
import io.shoal.proxy.listener.ClientChannelInitializer;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.stats.ConnectionStats;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.proxy.tls.ListenerTls;
import io.shoal.proxy.tls.TlsListeners;
import io.shoal.proxy.tls.TlsProvider;
import io.shoal.proxy.tuning.CompilerNice;
import io.shoal.topology.ServerListener;
import io.shoal.topology.ServerState;
import io.shoal.topology.Topology;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The data plane: binds every listener and proxies what arrives, reading the topology's snapshots. */
public final class ProxyServer implements AutoCloseable {
    private static final String LOOP_THREADS = "shoal-proxy";
    /** How long a stop waits for HTTP/2 connections to finish their streams. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private final ShoalConfig config;
    private final Topology topology;
    private final AccessLog accessLog;
    private final Transport transport = Transport.best();
    private final TlsProvider tlsProvider;
    private TlsListeners tls;
    private final List<Channel> listeners = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ConnectionStats connectionStats;
    private final Http2Connections http2Connections = new Http2Connections();
    private EventLoopGroup group;
    private ProxyContext context;
    private ServerListener serverListener;
    private ScheduledExecutorService compilerNice;

    public ProxyServer(ShoalConfig config, Topology topology, AccessLog accessLog) {
        this(config, topology, accessLog, TlsProvider.best());
    }

    /** With a chosen TLS implementation, so that the JDK's, the fallback, is tested on machines that have OpenSSL. */
    public ProxyServer(ShoalConfig config, Topology topology, AccessLog accessLog, TlsProvider tlsProvider) {
        this.config = config;
        this.topology = topology;
        this.accessLog = accessLog;
        this.connectionStats = new ConnectionStats(connections::get, config.listeners().stream()
                .map(l -> new ListenerStats(l.address().toString())).toList());
        this.tlsProvider = tlsProvider;
    }

    /**
     * Binds every listener; returns the bound addresses, in configuration order.
     *
     * @throws ListenFailure when an address cannot be listened on; nothing is left bound then
     */
    public List<InetSocketAddress> start() throws InterruptedException {
        int threads = config.proxy().threads() > 0 ? config.proxy().threads() : Runtime.getRuntime().availableProcessors();
        group = transport.newGroup(threads, LOOP_THREADS, config.tuning().busyPoll());
        if (config.tuning().compilerNice() > 0) {
            compilerNice = CompilerNice.start(config.tuning().compilerNice(), LOOP_THREADS);
        }
        List<InetSocketAddress> bound = new ArrayList<>();
        try {
            tls = TlsListeners.of(config, tlsProvider); // before anything is bound: a bad certificate binds nothing
            context = new ProxyContext(topology, config.proxy(), accessLog,
                    ProxyContext.tcpPools(group, transport, tls.upstream()));
            ProxyContext started = context;
            serverListener = (server, previous, now) -> {
                if (now.state() != ServerState.UP) {
                    started.closeIdleConnections(server);
                }
            };
            topology.addListener(serverListener);
            for (int i = 0; i < config.listeners().size(); i++) {
                Channel channel = bind(i, config.listeners().get(i), tls.listener(i));
                listeners.add(channel);
                InetSocketAddress address = (InetSocketAddress) channel.localAddress();
                bound.add(address);
                connectionStats.listeners().get(i).bound(
                        new HostPort(address.getAddress().getHostAddress(), address.getPort()).toString());
            }
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        return bound;
    }

    private Channel bind(int listener, ListenerConfig listenerConfig, Optional<ListenerTls> tls)
            throws InterruptedException {
        HostPort address = listenerConfig.address();
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ClientChannelInitializer(context, listener, tls, listenerConfig,
                        connections, connectionStats, http2Connections))
                .bind(address.host(), address.port())
                .await();
        if (!bound.isSuccess()) {
            throw ListenFailure.of(address.toString(), bound.cause());
        }
        return bound.channel();
    }

    /** The event loops of the data plane; health checks run on them too. Valid after {@link #start()}. */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /** The socket type of this transport (epoll or NIO), for other clients on {@link #eventLoopGroup()}. */
    public Class<? extends SocketChannel> socketChannelType() {
        return transport.socketChannel();
    }

    public String transportName() {
        return transport.name();
    }

    /**
     * The TLS listeners' certificates and the contexts of TLS to servers: which implementation runs, warnings,
     * reload. Valid after {@link #start()}.
     */
    public TlsListeners tls() {
        return tls;
    }

    /** Client connections open now. */
    public int connections() {
        return connections.get();
    }

    /** The access log this proxy writes to, for its figures and for reopening it. */
    public AccessLog accessLog() {
        return accessLog;
    }

    /** Client-connection figures in the manner of nginx's stub_status, and each listener's. */
    public ConnectionStats connectionStats() {
        return connectionStats;
    }

    /** Requests of a service waiting for a server below its {@code max_conns}. */
    public int queued(String serviceName) {
        return context == null ? 0 : context.queued(serviceName);
    }

    @Override
    public void close() {
        if (serverListener != null) {
            topology.removeListener(serverListener);
            serverListener = null;
        }
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
        listeners.clear();
        // HTTP/2 clients are told to go elsewhere (GOAWAY) and finish the streams they have.
        http2Connections.drain(STOP_GRACE);
        if (compilerNice != null) {
            compilerNice.shutdownNow();
            compilerNice = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            group = null;
        }
    }
}
