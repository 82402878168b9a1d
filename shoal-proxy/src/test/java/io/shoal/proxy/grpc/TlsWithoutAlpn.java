package io.shoal.proxy.grpc;

import io.shoal.config.PemFiles;
import io.shoal.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A TLS server that completes handshakes without ALPN (it chooses no protocol), then only reads. */
final class TlsWithoutAlpn implements AutoCloseable {
    private final SSLServerSocket server;
    /** Bytes read after handshakes: what a client sent in a protocol it never agreed on. */
    final AtomicInteger bytesRead = new AtomicInteger();

    TlsWithoutAlpn(TestCertificates.Issued certificate) throws Exception {
        List<X509Certificate> chain = PemFiles.chain(certificate.cert());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", PemFiles.privateKey(certificate.key()), new char[0],
                chain.toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), null, null);
        server = (SSLServerSocket) ssl.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tls-without-alpn");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                Thread reader = new Thread(() -> read(socket));
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            for (int n; (n = in.read(new byte[4096])) > 0; ) {
                bytesRead.addAndGet(n);
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
