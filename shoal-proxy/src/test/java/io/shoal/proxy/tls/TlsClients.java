package io.shoal.proxy.tls;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
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
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trusted.setCertificateEntry("shoal", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }
}
