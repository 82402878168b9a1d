package io.shoal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Misbehaving backends on raw sockets, for failure cases an HTTP server library will not produce. */
public final class RawBackends {
    private RawBackends() {}

    /** Accepts connections and reads, but never answers. */
    public static Misbehaving silent() throws IOException {
        return new Misbehaving((socket, requests) -> {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) > 0) {
                requests.incrementAndGet();
            }
        });
    }

    /** Reads a request head and its Content-Length body, then closes without a response. */
    public static Misbehaving closesAfterBody() throws IOException {
        return new Misbehaving((socket, requests) -> {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            requests.incrementAndGet();
            in.readNBytes(contentLength(head));
            socket.close();
        });
    }

    /** Answers every request with the given raw bytes, then closes. */
    public static Misbehaving answers(String raw) throws IOException {
        return new Misbehaving((socket, requests) -> {
            readHead(socket.getInputStream());
            requests.incrementAndGet();
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.close();
        });
    }

    /**
     * Keeps each request exactly as it came (head, and a chunked body up to its last chunk and
     * trailers), then answers 200 "ok" and closes.
     */
    public static Misbehaving records(List<String> received) throws IOException {
        return new Misbehaving((socket, requests) -> {
            InputStream in = socket.getInputStream();
            String request = readHead(in);
            if (request.toLowerCase().contains("\r\ntransfer-encoding: chunked\r\n")) {
                StringBuilder body = new StringBuilder();
                int b;
                while (!body.toString().matches("(?s)(.*\r\n)?0\r\n(.*\r\n)?\r\n") && (b = in.read()) >= 0) {
                    body.append((char) b);
                }
                request += body;
            }
            received.add(request);
            requests.incrementAndGet();
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.close();
        });
    }

    /**
     * A keep-alive server that reads requests by their Content-Length (no body without one), keeps each
     * as it came (head and body) and answers {@code answer} to each on the same connection. What it reads
     * as a request is what a real backend would: a body sent without its framing shows up as a request.
     */
    public static Misbehaving keepAlive(List<String> received, String answer) throws IOException {
        return new Misbehaving((socket, requests) -> {
            InputStream in = socket.getInputStream();
            for (String head = readHead(in); !head.isEmpty(); head = readHead(in)) {
                byte[] body = in.readNBytes(contentLength(head));
                received.add(head + new String(body, StandardCharsets.ISO_8859_1));
                requests.incrementAndGet();
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            }
        });
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    /**
     * A keep-alive server that answers a request for a path containing {@code bad} with {@code badAnswer}
     * and then closes, and any other with 200 "ok".
     */
    public static Misbehaving answersBadly(String bad, String badAnswer) throws IOException {
        return new Misbehaving((socket, requests) -> {
            InputStream in = socket.getInputStream();
            for (String head = readHead(in); !head.isEmpty(); head = readHead(in)) {
                requests.incrementAndGet();
                boolean answerBadly = head.substring(0, head.indexOf('\r')).contains(bad);
                socket.getOutputStream().write((answerBadly ? badAnswer : OK).getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                if (answerBadly) {
                    return;
                }
            }
        });
    }

    public static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /**
     * Reads a request head, answers 200 "ok" once {@code release} opens, then counts in {@code closes}
     * when the proxy has closed the connection (before or after the answer).
     */
    public static Misbehaving answersWhenReleased(java.util.concurrent.CountDownLatch release, AtomicInteger closes)
            throws IOException {
        return new Misbehaving((socket, requests) -> {
            InputStream in = socket.getInputStream();
            readHead(in);
            requests.incrementAndGet();
            if (!await(release)) {
                return;
            }
            try {
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                while (in.read() >= 0) {
                    // a pooled connection stays open: wait for the proxy to close it
                }
            } catch (IOException closedAlready) {
                // the proxy closed it before the answer: a reset on write or read
            }
            closes.incrementAndGet();
        });
    }

    /** A keep-alive server that answers each request 200 "ok", but none before {@code release} opens. */
    public static Misbehaving keepAliveWhenReleased(java.util.concurrent.CountDownLatch release) throws IOException {
        return new Misbehaving((socket, requests) -> {
            InputStream in = socket.getInputStream();
            for (String head = readHead(in); !head.isEmpty(); head = readHead(in)) {
                requests.incrementAndGet();
                if (!await(release)) {
                    return;
                }
                socket.getOutputStream().write(OK.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            }
        });
    }

    /** False when interrupted: the backend is closing. */
    private static boolean await(java.util.concurrent.CountDownLatch release) {
        try {
            release.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    public interface Behaviour {
        void serve(Socket socket, AtomicInteger requests) throws IOException;
    }

    public static final class Misbehaving implements AutoCloseable {
        public final ServerSocket server;
        public final AtomicInteger requests = new AtomicInteger();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        public Misbehaving(Behaviour behaviour) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        sockets.add(socket);
                        Thread worker = new Thread(() -> {
                            try (socket) {
                                behaviour.serve(socket, requests);
                            } catch (IOException ignored) {
                                // the peer went away: nothing to serve
                            }
                        });
                        worker.setDaemon(true);
                        worker.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "raw-backend");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        /** Connections the proxy opened to this server so far. */
        public int connections() {
            return sockets.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
