package io.shoal.topology;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-log lines about servers: state changes with their reason, outlier ejections and returns.
 * One line each, e.g. {@code server web/127.0.0.1:9001 DOWN: failed 3 checks (connection refused)}.
 * These happen a few times a server at most, never once a request.
 */
final class ServerEvents {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.server");

    private ServerEvents() {}

    static void stateChanged(Server server, ServerStatus now) {
        if (now.state() == ServerState.DOWN) {
            LOG.warn("{} {}: {}", name(server), now.state(), now.reason());
        } else {
            LOG.info("{} {}: {}", name(server), now.state(), now.reason());
        }
    }

    static void ejected(Server server, Duration duration, String why) {
        LOG.warn("{} ejected for {}: {}", name(server), duration.toMillis() % 1000 == 0
                ? duration.toSeconds() + "s" : duration.toMillis() + "ms", why);
    }

    static void returned(Server server) {
        LOG.info("{} returns from ejection", name(server));
    }

    /** {@code web/127.0.0.1:9001}, as the admin API and HAProxy name a server. */
    private static String name(Server server) {
        return server.serviceName() + "/" + server;
    }
}
