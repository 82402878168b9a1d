package io.shoal.proxy.grpc;

import io.shoal.proxy.tls.HttpsBackends;
import io.shoal.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A TLS server that completes handshakes without ALPN (it chooses no protocol), then only reads. */
final class TlsWithoutAlpn implements AutoCloseable {
    private final SSLServerSocket server;
    /** Bytes read after handshakes: what a client sent in a protocol it never agreed on. */
    final AtomicInteger bytesRead = new AtomicInteger();

    TlsWithoutAlpn(TestCertificates.Issued certificate) throws Exception {
        server = (SSLServerSocket) HttpsBackends.serverContext(certificate).getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
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
