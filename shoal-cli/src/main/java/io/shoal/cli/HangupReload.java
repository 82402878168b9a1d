package io.shoal.cli;

import io.shoal.admin.ConfigChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP reloads the configuration file, as it does for nginx and HAProxy: the same reload as
 * {@code POST /api/v1/reload} ({@code shoal reload}), its outcome in the event log. Without this handler
 * the JVM would take SIGHUP as a request to stop.
 */
final class HangupReload {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.reload");

    private HangupReload() {}

    static void install(ConfigChanges changes) {
        try {
            SignalHandler previous = Signal.handle(new Signal("HUP"), signal -> reload(changes));
            // A JVM started with SIGHUP ignored (nohup does that) keeps it ignored: the handler above
            // is recorded but never runs, and Java cannot undo the ignore. Say so, or reloads get lost.
            if (previous == SignalHandler.SIG_IGN) {
                cannotReload("Shoal was started with SIGHUP ignored, as nohup does; "
                        + "the shoal launcher script restores it");
            }
        } catch (IllegalArgumentException e) { // no SIGHUP on this platform, or the JVM runs with -Xrs
            cannotReload(e.getMessage());
        }
    }

    private static void cannotReload(String why) {
        LOG.warn("SIGHUP cannot reload here ({}); use 'shoal reload' (POST /api/v1/reload on the admin endpoint)", why);
    }

    /** Runs on the JVM's signal thread: a reload is quick (parse, validate, one snapshot swap). */
    static void reload(ConfigChanges changes) {
        try {
            changes.reload();
        } catch (ConfigChanges.Refused refused) {
            // ConfigChanges logged why; nothing changed
        } catch (RuntimeException e) {
            LOG.error("SIGHUP: the reload failed", e);
        }
    }
}
