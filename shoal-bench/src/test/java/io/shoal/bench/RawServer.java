package io.shoal.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * A socket server on 127.0.0.1 that reads each request head and then does what the test says with the socket:
 * for answers no HTTP server library would give (a reset, a close in the middle, bytes that are not HTTP).
 */
final class RawServer implements AutoCloseable {
    /** What to do with a connection once a request head has been read. */
    interface Behaviour {
        void afterRequest(Socket socket) throws IOException;
    }

    private final ServerSocket socket;

    private RawServer(ServerSocket socket, Behaviour behaviour) {
        this.socket = socket;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    readHead(s.getInputStream());
                    behaviour.afterRequest(s);
                } catch (IOException e) {
                    // closed by the test, or the client went away: take the next connection
                }
            }
        }, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RawServer start(Behaviour behaviour) {
        try {
            return new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the request head");
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
