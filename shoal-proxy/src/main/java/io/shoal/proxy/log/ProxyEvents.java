package io.shoal.proxy.log;

import io.shoal.config.Counts;
import io.shoal.topology.Server;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane's event-log lines: connect errors (per server) and requests given up on after their
 * tries (per service), each at most once per {@link #INTERVAL_SECONDS} seconds with a count of those held
 * back. Called on event loops, and only when something failed: a few atomic operations, then a line for
 * an appender that never blocks (Shoal's event log is asynchronous and drops rather than waits).
 */
public final class ProxyEvents {
    static final long INTERVAL_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger("shoal.proxy");
    private static final LogThrottle CONNECT_ERRORS = new LogThrottle(TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS));
    private static final LogThrottle GAVE_UP = new LogThrottle(TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS));

    private ProxyEvents() {}

    public static void connectFailed(Server server, Throwable cause) {
        long heldBack = CONNECT_ERRORS.admit(server, System.nanoTime());
        if (heldBack != LogThrottle.HELD_BACK && LOG.isWarnEnabled()) {
            LOG.warn("{}/{} connect failed: {}{}", server.serviceName(), server, cause, heldBack(heldBack));
        }
    }

    /** A request answered with {@code status} because no try reached a server that answered. */
    public static void gaveUp(String service, int tries, int status) {
        long heldBack = GAVE_UP.admit(service, System.nanoTime());
        if (heldBack != LogThrottle.HELD_BACK && LOG.isWarnEnabled()) {
            LOG.warn("service {}: a request failed after {}, answered {}{}", service,
                    Counts.of(tries, "try", "tries"), status, heldBack(heldBack));
        }
    }

    private static String heldBack(long count) {
        return count == 0 ? "" : " (" + count + " more since the last line)";
    }
}
