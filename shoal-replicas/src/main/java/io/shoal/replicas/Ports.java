package io.shoal.replicas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for new replicas, as the kernel hands them out. */
final class Ports {
    private Ports() {}

    /**
     * A port free at this moment. Another program could take it before the replica binds; the
     * replica then fails its readiness check and is restarted on a new port.
     */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
