package io.shoal.cli;

import io.shoal.proxy.log.AccessLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGUSR1 reopens the log files, as it does for nginx: logrotate renames {@code access.log}, sends
 * USR1, and Shoal goes on writing to a new file of the old name. The access log reopens on its writer
 * thread once the lines queued before are written; the event log at once.
 */
final class LogReopen {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.log");

    private LogReopen() {}

    static void install(AccessLog accessLog) {
        try {
            Signal.handle(new Signal("USR1"), signal -> {
                EventLogSetup.reopen();
                accessLog.reopen();
                LOG.info("SIGUSR1: reopening the log files");
            });
        } catch (IllegalArgumentException e) { // no SIGUSR1 here, or the JVM runs with -Xrs
            LOG.warn("SIGUSR1 cannot reopen the log files here ({}); restart Shoal after rotating them", e.getMessage());
        }
    }
}
