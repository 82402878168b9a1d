package io.shoal.proxy.tls;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.shoal.config.PemFiles;
import io.shoal.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** HTTPS servers (the JDK's) answering {@code 200 secure}, for the tests of TLS to servers. */
public final class HttpsBackends implements AutoCloseable {
    private final List<HttpsServer> started = new ArrayList<>();
    /** The client port of each request served: the same port twice is a reused connection. */
    final ConcurrentLinkedQueue<Integer> requestPorts = new ConcurrentLinkedQueue<>();

    /** Starts one serving {@code certificate}; returns its {@code host:port}. */
    String start(TestCertificates.Issued certificate) throws Exception {
        SSLContext ssl = serverContext(certificate);
        HttpsServer backend = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.setHttpsConfigurator(new HttpsConfigurator(ssl));
        backend.createContext("/", exchange -> {
            requestPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = "secure".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        started.add(backend);
        return "127.0.0.1:" + backend.getAddress().getPort();
    }

    /** The JDK's TLS, serving {@code certificate}: the servers of these tests are not Shoal's own TLS code. */
    public static SSLContext serverContext(TestCertificates.Issued certificate) throws Exception {
        List<X509Certificate> chain = PemFiles.chain(certificate.cert());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", PemFiles.privateKey(certificate.key()), new char[0],
                chain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), null, null);
        return ssl;
    }

    @Override
    public void close() {
        started.forEach(backend -> backend.stop(0));
    }
}
