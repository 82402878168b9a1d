package io.shoal.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A real line-based TCP server on an ephemeral loopback port, like Redis answering {@code PING}: each
 * line it reads gets {@link #answer}'s reply, and the connection stays open until the peer closes it.
 */
final class LineServer implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    final List<String> received = new CopyOnWriteArrayList<>();
    /** Reply to one line (without its CRLF); the reply is sent followed by CRLF. */
    volatile UnaryOperator<String> answer;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    LineServer(UnaryOperator<String> answer) throws IOException {
        this.answer = answer;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "line-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers PONG to PING. */
    static UnaryOperator<String> pong() {
        return line -> line.equals("PING") ? "PONG" : "-ERR unknown command '" + line + "'";
    }

    /** Speaks some other protocol: answers every line with the same banner. */
    static UnaryOperator<String> garbage() {
        return line -> "HELLO garbage";
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            sockets.add(socket);
            Thread worker = new Thread(() -> serve(socket));
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                received.add(line);
                out.write((answer.apply(line) + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException ignored) {
            // the checker closed the connection
        } finally {
            sockets.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
