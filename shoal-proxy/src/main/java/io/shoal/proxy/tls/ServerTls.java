package io.shoal.proxy.tls;

import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import io.shoal.config.CertificateConfig;
import io.shoal.config.PemFiles;
import io.shoal.config.TlsConfig;
import io.shoal.config.TlsConfig.ClientAuth;
import io.shoal.config.TlsConfig.SessionTickets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The TLS side of one listener: a context per certificate, and the SNI mapping that picks one per
 * handshake. Exact names and one-label wildcards ({@code *.example.com}) come from the certificates
 * themselves; a name two certificates share goes to the first, and the first certificate answers a
 * client that sends no name or one no certificate has (nginx's default server, HAProxy's first
 * {@code crt}). Immutable; its handlers are made per connection.
 */
public final class ServerTls {
    /** Offered by ALPN where the listener serves HTTP/2, in this order of preference. */
    static final List<String> HTTP_2_AND_1_1 = List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
    static final List<String> HTTP_1_1 = List.of(ApplicationProtocolNames.HTTP_1_1);

    private final Mapping<String, SslContext> contexts;
    /** Every context of {@link #contexts}, for the session ticket keys. */
    private final List<SslContext> all;
    private final SessionTickets sessionTickets;
    private final Duration sessionTimeout;
    private final List<X509Certificate> leaves;
    /** The CAs of the client certificates accepted; empty when none is asked for. */
    private final List<X509Certificate> clientCas;
    private final List<String> warnings;

    private ServerTls(Mapping<String, SslContext> contexts, List<SslContext> all, TlsConfig config,
                      List<X509Certificate> leaves, List<X509Certificate> clientCas, List<String> warnings) {
        this.contexts = contexts;
        this.all = List.copyOf(all);
        this.sessionTickets = config.sessionTickets();
        this.sessionTimeout = config.sessionTimeout();
        this.leaves = List.copyOf(leaves);
        this.clientCas = clientCas;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads the certificate files (validated at load, but they may have changed since) and builds the contexts.
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static ServerTls of(TlsConfig config, TlsProvider provider) {
        return of(config, provider, HTTP_1_1);
    }

    /**
     * @param applicationProtocols offered by ALPN, in order of preference
     * @throws IllegalArgumentException naming the file and the problem
     */
    static ServerTls of(TlsConfig config, TlsProvider provider, List<String> applicationProtocols) {
        List<String> warnings = new ArrayList<>();
        List<X509Certificate> leaves = new ArrayList<>();
        List<SslContext> all = new ArrayList<>();
        DomainWildcardMappingBuilder<SslContext> mapping = null;
        Set<String> named = new HashSet<>();
        List<X509Certificate> clientCas = config.clientCa() == null ? List.of() : PemFiles.chain(config.clientCa());
        for (CertificateConfig certificate : config.certificates()) {
            List<X509Certificate> chain = PemFiles.chain(certificate.cert());
            PrivateKey key = PemFiles.privateKey(certificate.key());
            SslContext context = context(config, provider, chain, key, clientCas, certificate, applicationProtocols);
            leaves.add(chain.get(0));
            all.add(context);
            if (mapping == null) {
                mapping = new DomainWildcardMappingBuilder<>(context);
            }
            for (String name : CertificateNames.of(chain.get(0))) {
                if (named.add(name)) {
                    mapping.add(name, context);
                }
            }
            Validity.warning(chain.get(0), certificate.cert()).ifPresent(warnings::add);
        }
        if (mapping == null) {
            throw new IllegalArgumentException("a TLS listener needs at least one certificate");
        }
        if (config.sessionTickets() == SessionTickets.OFF && provider == TlsProvider.JDK) {
            warnings.add("tls.session_tickets: false is not honoured by the JDK's TLS, which hands out tickets "
                    + "whatever a listener says: start Java with -Djdk.tls.server.enableSessionTicketExtension=false, "
                    + "or run with OpenSSL");
        }
        return new ServerTls(mapping.build(), all, config, leaves, clientCas, warnings);
    }

    private static SslContext context(TlsConfig config, TlsProvider provider, List<X509Certificate> chain,
                                      PrivateKey key, List<X509Certificate> clientCas, CertificateConfig files,
                                      List<String> applicationProtocols) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(key, chain)
                    .sslProvider(provider.netty())
                    .protocols(config.protocols())
                    .ciphers(config.ciphers(), provider.cipherFilter())
                    .sessionTimeout(config.sessionTimeout().toSeconds())
                    .applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
                            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT,
                            applicationProtocols));
            SslContext context = askForClientCertificates(builder, config.clientAuth(), clientCas).build();
            if (context.cipherSuites().isEmpty()) {
                throw new IllegalArgumentException(files.cert() + ": none of the ciphers is supported by "
                        + provider.describe());
            }
            return context;
        } catch (SSLException e) {
            throw new IllegalArgumentException(files.cert() + ": " + e.getMessage(), e);
        }
    }

    /** Both providers refuse a client certificate that does not chain to {@code clientCas}, even an optional one. */
    private static SslContextBuilder askForClientCertificates(SslContextBuilder builder, ClientAuth clientAuth,
                                                              List<X509Certificate> clientCas) {
        return switch (clientAuth) {
            case NONE -> builder;
            case OPTIONAL -> builder.clientAuth(io.netty.handler.ssl.ClientAuth.OPTIONAL)
                    .trustManager(clientCas.toArray(X509Certificate[]::new));
            case REQUIRED -> builder.clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE)
                    .trustManager(clientCas.toArray(X509Certificate[]::new));
        };
    }

    /**
     * The first step of a client connection's pipeline: reads the SNI name, then hands over to TLS, whose
     * handshake counts in {@code handshakes}; a client that has not finished it within
     * {@code handshakeTimeoutMillis} is closed.
     */
    ChannelHandler newHandler(Handshakes handshakes, long handshakeTimeoutMillis) {
        return new CountingSniHandler(contexts, handshakes, handshakeTimeoutMillis);
    }

    /**
     * Seals session tickets with {@code keys} (the first seals, all open), where tickets are on. Only OpenSSL takes
     * keys: Netty turns its tickets off until it is given some. The JDK makes and rotates its own keys
     * ({@code jdk.tls.server.statelessKeyTimeout}, an hour by default).
     */
    void useTicketKeys(List<OpenSslSessionTicketKey> keys) {
        if (sessionTickets == SessionTickets.OFF) {
            return;
        }
        for (SslContext context : all) {
            if (context.sessionContext() instanceof OpenSslSessionContext openSsl) {
                openSsl.setTicketKeys(keys.toArray(OpenSslSessionTicketKey[]::new));
            }
        }
    }

    /** How long a session can be resumed, so that a ticket key is kept as long as a ticket it sealed is valid. */
    Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** The certificates served, the first of each chain, in configuration order. */
    List<X509Certificate> leaves() {
        return leaves;
    }

    /** The CAs of the client certificates accepted, in the order of the file; empty when none is asked for. */
    List<X509Certificate> clientCas() {
        return clientCas;
    }

    /** The certificates' subjects and expiry, for the reload's report. */
    String describeLeaves() {
        return Validity.describe(leaves);
    }

    /** Certificates that clients will refuse (expired, not yet valid), one sentence each. */
    public List<String> warnings() {
        return warnings;
    }
}
