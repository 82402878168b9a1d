package io.shoal.cli;

import io.shoal.admin.AdminServer;
import io.shoal.config.HostPort;
import io.shoal.config.Values;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the admin endpoint listens. The default, 127.0.0.1:9901, moves to a free port when taken
 * (the other commands find it through {@code .shoal/admin} anyway); an address given with
 * {@code --admin} does not.
 */
record AdminBind(InetSocketAddress address, boolean explicit) {

    static AdminBind parse(String text) {
        if (text == null) {
            return new AdminBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), AdminServer.DEFAULT_PORT), false);
        }
        HostPort hp;
        try {
            hp = Values.listenAddress(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--admin: " + e.getMessage(), e);
        }
        InetAddress host;
        try {
            host = InetAddress.getByName(hp.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--admin: unknown host '" + hp.host() + "'", e);
        }
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--admin: the admin endpoint has no authentication yet and listens on "
                    + "loopback only, e.g. 127.0.0.1:" + AdminServer.DEFAULT_PORT + "; got " + text);
        }
        return new AdminBind(new InetSocketAddress(host, hp.port()), true);
    }

    /** For {@code up -d}: the same choice, written back as an option of the background Shoal. */
    String option() {
        return explicit ? Launcher.format(address) : null;
    }
}
