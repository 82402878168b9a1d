package io.shoal.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.shoal.config.PemFiles;
import io.shoal.config.ShoalConfig;
import io.shoal.config.UpstreamTlsConfig;
import io.shoal.config.UpstreamTlsConfig.Verify;
import io.shoal.topology.Server;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The client side of TLS to one service's servers: a context, and per connection a handler that sends
 * SNI and, when verifying, checks that the certificate names the server (endpoint identification, as
 * HTTPS clients do). Immutable.
 */
public final class UpstreamTls {
    private final SslContext context;
    /** The same, offering h2 by ALPN, for services whose servers speak HTTP/2. */
    private final SslContext h2Context;
    private final UpstreamTlsConfig config;
    /** The certificates of the {@code ca} file; empty when it has none (the JDK's trusted roots, or no check). */
    private final List<X509Certificate> trusted;

    private UpstreamTls(SslContext context, SslContext h2Context, UpstreamTlsConfig config,
                        List<X509Certificate> trusted) {
        this.context = context;
        this.h2Context = h2Context;
        this.config = config;
        this.trusted = trusted;
    }

    /**
     * Reads the {@code ca} file: off the event loops ({@link UpstreamContexts}).
     *
     * @throws IllegalArgumentException naming the {@code ca} file and the problem
     */
    static UpstreamTls of(UpstreamTlsConfig config, TlsProvider provider) {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(provider.netty());
        List<X509Certificate> trusted = List.of();
        if (config.verify() == Verify.NONE) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (config.ca() != null) {
            trusted = PemFiles.chain(config.ca());
            builder.trustManager(trusted.toArray(X509Certificate[]::new));
        }
        try {
            SslContext context = builder.build();
            SslContext h2Context = builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2)).build();
            return new UpstreamTls(context, h2Context, config, trusted);
        } catch (SSLException e) {
            throw new IllegalArgumentException((config.ca() != null ? config.ca() + ": " : "") + e.getMessage(), e);
        }
    }

    List<X509Certificate> trusted() {
        return trusted;
    }

    /** The trusted certificates' subjects and expiry, for the reload's report. */
    String describeTrusted() {
        return Validity.describe(trusted);
    }

    /**
     * One line per service whose servers' certificates are not checked: printed at start, as that is
     * open to a man in the middle (HAProxy discourages {@code verify none} the same way).
     */
    public static List<String> warnings(ShoalConfig config) {
        return config.services().values().stream()
                .filter(service -> service.tls() != null && service.tls().verify() == Verify.NONE)
                .map(service -> "services." + service.name() + ".tls.verify is false: the certificates of its"
                        + " servers are not checked, so anyone on the path can read and change its traffic")
                .toList();
    }

    /**
     * A handler for a new connection to {@code server}, its handshake bounded by {@code timeoutMillis};
     * {@code h2}: offering h2 by ALPN (whether the server chose it is checked once the handshake is done).
     */
    public SslHandler newHandler(ByteBufAllocator alloc, Server server, long timeoutMillis, boolean h2) {
        String name = config.serverName() != null ? config.serverName() : server.config().address().host();
        SslHandler handler = (h2 ? h2Context : context).newHandler(alloc, name, server.address().getPort());
        if (config.verify() == Verify.REQUIRED) {
            SSLParameters parameters = handler.engine().getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            handler.engine().setSSLParameters(parameters);
        }
        handler.setHandshakeTimeoutMillis(timeoutMillis);
        return handler;
    }
}
