package io.shoal.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.shoal.bench.LoadPlan;
import io.shoal.bench.TlsSession;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * Opens the run's connections: TCP, then under an {@code https} URL a full TLS handshake (no session resumption)
 * that sends the URL's host as SNI and, with HTTP/2, requires the server to pick {@code h2} by ALPN. The server's certificate is not verified, as
 * wrk, h2load, ab and hey do not: a load generator measures a server, it does not authenticate it.
 *
 * <p>Threading: {@link #open} runs on the connection's event loop; {@link #session()} on any thread.
 */
final class Connector {
    private final InetSocketAddress address;
    private final String host;
    private final int port;
    private final String serverName;
    private final SslContext tls;
    private final String provider;
    private final boolean requiresH2;
    private final long handshakeTimeoutMillis;
    private final AtomicReference<TlsSession> session = new AtomicReference<>();

    /** The server picked another protocol than {@code h2} by ALPN: no request can succeed, so the run stops. */
    static final class ProtocolRefused extends Exception {
        ProtocolRefused(String message) {
            super(message, null, false, false);
        }
    }

    Connector(LoadPlan plan, InetSocketAddress address) {
        this.address = address;
        this.host = plan.url().getHost();
        this.port = plan.port();
        this.serverName = serverName(host);
        this.requiresH2 = plan.httpVersion() == LoadPlan.HttpVersion.HTTP_2;
        this.provider = OpenSsl.isAvailable() ? "OpenSSL" : "JDK";
        this.tls = plan.tls() ? clientContext(requiresH2) : null;
        this.handshakeTimeoutMillis = plan.timeout().toMillis();
    }

    /** Offers h2 and http/1.1 with HTTP/2, so that a server without h2 names its choice instead of failing the handshake. */
    private SslContext clientContext(boolean h2) {
        List<String> protocols = h2 ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                : List.of(ApplicationProtocolNames.HTTP_1_1);
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS (" + provider + "): " + e.getMessage(), e);
        }
    }

    /** The pipeline of a new connection: TLS when the URL asks for it; the protocol's handlers come in {@link #open}. */
    ChannelInitializer<Channel> initializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    SslHandler handler = new SslHandler(engine(ch));
                    handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
                    ch.pipeline().addLast("tls", handler);
                }
            }
        };
    }

    /**
     * An engine that knows no peer, so that both providers skip their client session cache and every handshake is a
     * full one, as a new visitor's (what {@code --no-keep-alive} measures, as h2load and ab do); SNI is set by hand.
     */
    private SSLEngine engine(Channel ch) {
        SSLEngine engine = tls.newEngine(ch.alloc());
        if (serverName != null) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

    /** The host as SNI carries it (RFC 6066 section 3): a name with a dot, never an IP address; null for none. */
    private static String serverName(String host) {
        boolean ip = NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
        return ip || host.indexOf('.') <= 0 || host.endsWith(".") ? null : host;
    }

    /**
     * Connects with {@code bootstrap} (whose handler is the {@link #initializer}) and, once the connection is ready
     * for requests (after the TLS handshake and the ALPN check), adds the protocol's handlers with {@code protocol}:
     * so nothing of HTTP/2 reaches a server that did not choose it. The future fails with the connect error, an
     * {@link SSLException} for a failed handshake, or {@link ProtocolRefused}. Each completed handshake is counted
     * in {@code stats}.
     */
    Future<Channel> open(Bootstrap bootstrap, LoopStats stats, Consumer<ChannelPipeline> protocol) {
        ChannelFuture connect = bootstrap.connect(address);
        Promise<Channel> ready = connect.channel().eventLoop().newPromise();
        connect.addListener((ChannelFuture f) -> {
            SslHandler ssl = f.isSuccess() ? f.channel().pipeline().get(SslHandler.class) : null;
            if (!f.isSuccess()) {
                ready.setFailure(f.cause());
            } else if (ssl == null) {
                ready(f.channel(), protocol, ready);
            } else {
                ssl.handshakeFuture().addListener(h -> handshaken(f.channel(), ssl, h, stats, protocol, ready));
            }
        });
        return ready;
    }

    private static void ready(Channel ch, Consumer<ChannelPipeline> protocol, Promise<Channel> ready) {
        protocol.accept(ch.pipeline());
        ready.setSuccess(ch);
    }

    private void handshaken(Channel ch, SslHandler ssl, Future<?> handshake, LoopStats stats,
                            Consumer<ChannelPipeline> protocol, Promise<Channel> ready) {
        if (!handshake.isSuccess()) {
            Throwable cause = handshake.cause();
            ready.setFailure(cause instanceof SSLException ? cause : new SSLException("TLS handshake failed: " + cause, cause));
            ch.close();
            return;
        }
        stats.handshakes++;
        if (session.get() == null) {
            SSLSession negotiated = ssl.engine().getSession();
            session.compareAndSet(null, new TlsSession(negotiated.getProtocol(), negotiated.getCipherSuite(), provider));
        }
        String chosen = ssl.applicationProtocol();
        if (requiresH2 && !ApplicationProtocolNames.HTTP_2.equals(chosen)) {
            ready.setFailure(new ProtocolRefused("--h2: " + host + ":" + port + " chose "
                    + (chosen == null ? "no protocol by ALPN (it ignores ALPN)" : "'" + chosen + "' by ALPN")
                    + " when offered h2 and http/1.1: it does not serve HTTP/2 over TLS; run without --h2"));
            ch.close();
            return;
        }
        ready(ch, protocol, ready);
    }

    /** What the first completed handshake negotiated; empty without TLS or before any handshake. */
    Optional<TlsSession> session() {
        return Optional.ofNullable(session.get());
    }
}
