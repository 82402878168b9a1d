package io.shoal.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BackendMain} in its own JVM, on a port chosen once so that it comes back where it was after
 * a kill. The port is picked below the ephemeral range, so that no outgoing connection of the proxy
 * or its health checks can take it while the process is dead.
 */
final class BackendProcess implements AutoCloseable {
    final String name;
    final int port;
    private volatile Process process;

    BackendProcess(String name) throws IOException {
        this.name = name;
        this.port = freePort();
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Starts the JVM; returns {@link System#nanoTime()} of the moment it reported listening. */
    long start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(BackendMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Process started = new ProcessBuilder(java, "-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classes, BackendMain.class.getName(), name, Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        process = started;
        CompletableFuture<Long> ready = new CompletableFuture<>();
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("READY")) {
                        ready.complete(System.nanoTime());
                    } else {
                        System.out.println("[backend " + name + "] " + line);
                    }
                }
            } catch (IOException ignored) {
                // the process died: nothing more to read
            }
            ready.completeExceptionally(new IllegalStateException("backend " + name + " exited before listening"));
        }, "backend-" + name + "-output");
        output.setDaemon(true);
        output.start();
        return ready.get(20, TimeUnit.SECONDS);
    }

    /** SIGKILL: no shutdown hook, no FIN handshake by the application, as when a machine or container dies. */
    void kill() throws InterruptedException {
        Process running = process;
        running.destroyForcibly();
        if (!running.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("backend " + name + " survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        Process running = process;
        if (running != null && running.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int ephemeralLow = ephemeralLow();
        for (int attempt = 0; ephemeralLow > 21_000 && attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, ephemeralLow);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(loopback, port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
            return socket.getLocalPort();
        }
    }

    private static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
