package io.shoal.cli;

import io.shoal.admin.ConfigChanges;
import sun.misc.Signal;

/**
 * SIGHUP reloads the configuration file, as it does for nginx and HAProxy: the same reload as
 * {@code POST /api/v1/reload} ({@code shoal reload}), its outcome on standard error. Without this handler
 * the JVM would take SIGHUP as a request to stop.
 */
final class HangupReload {
    private HangupReload() {}

    static void install(ConfigChanges changes) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reload(changes));
        } catch (IllegalArgumentException e) { // no SIGHUP on this platform, or the JVM runs with -Xrs
            System.err.println("shoal: SIGHUP cannot reload here (" + e.getMessage() + "); use 'shoal reload'");
        }
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
