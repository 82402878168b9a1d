package io.shoal.cli;

import io.shoal.admin.ConfigChanges;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP reloads the configuration file, as it does for nginx and HAProxy: the same reload as
 * {@code POST /api/v1/reload} ({@code shoal reload}), its outcome on standard error. Without this handler
 * the JVM would take SIGHUP as a request to stop.
 */
final class HangupReload {
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
        System.err.println("shoal: SIGHUP cannot reload here (" + why + "); use 'shoal reload' "
                + "(POST /api/v1/reload on the admin endpoint)");
    }

    /** Runs on the JVM's signal thread: a reload is quick (parse, validate, one snapshot swap). */
    static void reload(ConfigChanges changes) {
        try {
            ConfigChanges.Reloaded reloaded = changes.reload();
            System.err.println("shoal: SIGHUP: reloaded " + reloaded.source() + ": "
                    + (reloaded.changes().isEmpty() ? "no changes" : String.join("; ", reloaded.changes())));
        } catch (ConfigChanges.Refused refused) {
            StringBuilder message = new StringBuilder("shoal: SIGHUP: ").append(refused.getMessage());
            refused.problems().forEach(problem -> message.append("\n  ").append(problem));
            System.err.println(message);
        } catch (RuntimeException e) {
            System.err.println("shoal: SIGHUP: the reload failed: " + e);
        }
    }
}
