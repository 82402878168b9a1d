package io.shoal.proxy.tls;

import io.shoal.config.PemFiles;
import io.shoal.testing.TestCertificates;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/** Real TLS clients for the tests: a socket that reports what the handshake gave, and a JDK HttpClient. */
public final class TlsClients {
    /** Accepts any certificate: the tests look at which one was served, not whether to trust it. */
    private static final X509TrustManager ANY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private static final String CLIENT_ALIAS = "client";

    private TlsClients() {}

    /** What one handshake settled. */
    record Handshake(String subject, String applicationProtocol, String protocol) {}

    /** Connects to 127.0.0.1 and shakes hands, sending {@code serverName} by SNI (none when null). */
    static Handshake handshake(int port, String serverName) throws Exception {
        return handshake(port, serverName, List.of("TLSv1.3", "TLSv1.2"), List.of());
    }

    /** Also offering only these TLS versions, and these protocols by ALPN. */
    static Handshake handshake(int port, String serverName, List<String> versions, List<String> alpn) throws Exception {
        try (SSLSocket socket = open(port, serverName, versions, alpn)) {
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return new Handshake(leaf.getSubjectX500Principal().getName(), socket.getApplicationProtocol(),
                    socket.getSession().getProtocol());
        }
    }

    /** A connection whose handshake is done, for the caller to use and close. */
    static SSLSocket open(int port, String serverName, List<String> versions, List<String> alpn) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {ANY}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        if (serverName != null) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        parameters.setProtocols(versions.toArray(String[]::new));
        parameters.setApplicationProtocols(alpn.toArray(String[]::new));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** An HTTP/1.1 client that trusts exactly this certificate, and checks the host name against it. */
    public static HttpClient trusting(Path cert) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context(cert, null))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The same, presenting {@code clientCertificate} whenever the server asks for one, whichever CAs the
     * server says it accepts (the JDK would otherwise keep back one they did not sign, as browsers do).
     */
    static HttpClient presenting(Path cert, TestCertificates.Issued clientCertificate) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(presentingContext(cert, clientCertificate)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The TLS side of {@link #presenting}, for a client that makes exactly one connection. */
    static SSLContext presentingContext(Path cert, TestCertificates.Issued clientCertificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(CLIENT_ALIAS, PemFiles.privateKey(clientCertificate.key()), new char[0],
                PemFiles.chain(clientCertificate.cert()).toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        return context(cert, new AlwaysPresenting((X509ExtendedKeyManager) keys.getKeyManagers()[0]));
    }

    private static SSLContext context(Path cert, KeyManager keys) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trusted.setCertificateEntry("shoal", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : new KeyManager[] {keys}, trust.getTrustManagers(), null);
        return context;
    }

    /** Offers its one certificate to any server that asks, as {@code curl --cert} does. */
    private static final class AlwaysPresenting extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        AlwaysPresenting(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return CLIENT_ALIAS;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return CLIENT_ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {CLIENT_ALIAS};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }
}
