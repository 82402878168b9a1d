package io.shoal.cli;

import io.shoal.admin.AdminServer;
import io.shoal.config.AdminConfig;
import io.shoal.config.HostPort;
import io.shoal.config.Values;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the admin endpoint listens: {@code --admin}, else {@code admin.listen} of the file, else
 * 127.0.0.1:9901, which moves to a free port when taken (the other commands find it through
 * {@code .shoal/admin} anyway); an address that was asked for does not move. An address beyond
 * loopback is refused unless the configuration sets the token.
 */
record AdminBind(InetSocketAddress address, boolean explicit) {

    /** @param text the {@code --admin} option, or null */
    static AdminBind of(String text, AdminConfig config) {
        String what = text != null ? "--admin" : "admin.listen";
        HostPort hp;
        if (text != null) {
            try {
                hp = Values.listenAddress(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--admin: " + e.getMessage(), e);
            }
        } else if (config.listen() != null) {
            hp = config.listen();
        } else {
            return new AdminBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), AdminServer.DEFAULT_PORT), false);
        }
        InetAddress host;
        try {
            host = InetAddress.getByName(hp.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + ": unknown host '" + hp.host() + "'", e);
        }
        if (!host.isLoopbackAddress() && !config.hasToken()) {
            throw new IllegalArgumentException(what + ": an admin address beyond loopback (" + hp + ") needs a token: "
                    + "set admin.token or admin.token_file in the configuration, or listen on 127.0.0.1:"
                    + AdminServer.DEFAULT_PORT);
        }
        return new AdminBind(new InetSocketAddress(host, hp.port()), true);
    }

    /** For {@code up -d}: the same choice, written back as an option of the background Shoal. */
    String option() {
        return explicit ? Launcher.format(address) : null;
    }
}
