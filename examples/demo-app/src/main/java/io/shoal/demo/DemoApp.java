package io.shoal.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The app Shoal's replica manager runs as N supervised processes: {@code java -jar demo-app.jar} with {@code PORT}
 * and {@code INSTANCE_ID} in the environment. Prints one line when it listens and one when it stops; exits 0 on
 * SIGTERM or SIGINT after the requests in flight finish (up to {@code --shutdown-grace}).
 */
public final class DemoApp {
    /** Exit status used by the shutdown hook: 0 for a signal, else what {@link #exit} was asked for. */
    private static volatile int exitStatus;
    private static volatile DemoServer server;

    private DemoApp() {}

    public static void main(String[] args) {
        Instant startTime = Instant.now();
        List<String> argList = Arrays.asList(args);
        if (argList.contains("--help") || argList.contains("-h")) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        String hostname = Identity.localHostname();
        DemoOptions options;
        try {
            options = DemoOptions.parse(argList, System.getenv(), Identity.defaultInstance(hostname));
        } catch (IllegalArgumentException e) {
            System.err.println("demo-app: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            exit(2);
            return;
        }
        String instance = options.instance();
        if (options.failOnStart()) {
            say(System.err, "demo-app " + instance + " failing on start as asked (--fail-on-start / FAIL_ON_START)");
            exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(options), "demo-app-shutdown"));
        if (!options.startupDelay().isZero()) {
            say(System.out, "demo-app " + instance + " starting, will listen after a startup delay of "
                    + options.startupDelay().toMillis() + " ms");
            try {
                TimeUnit.NANOSECONDS.sleep(options.startupDelay().toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Identity id = new Identity(instance, hostname, startTime, options.version());
        try {
            server = DemoServer.start(options, id, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            say(System.err, "demo-app " + instance + " cannot listen on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage());
            exit(1);
            return;
        }
        say(System.out, "demo-app " + instance + " listening on " + options.host() + ":" + server.address().getPort());
    }

    /** The shutdown hook: drain, then halt with {@link #exitStatus} so that SIGTERM ends with 0, not 143. */
    private static void stop(DemoOptions options) {
        DemoServer s = server;
        if (s != null) {
            say(System.out, "demo-app " + options.instance() + " stopping");
            try {
                if (!s.drain(options.shutdownGrace())) {
                    say(System.out, "demo-app " + options.instance() + " grace of " + options.shutdownGrace().toMillis()
                            + " ms elapsed with " + s.inFlight() + " requests in flight");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Closing the server ends its selector thread; halting with it still in native code delays exit ~300 ms.
            s.close();
            say(System.out, "demo-app " + options.instance() + " stopped");
        } else {
            say(System.out, "demo-app " + options.instance() + " stopping (was not listening yet)");
        }
        Runtime.getRuntime().halt(exitStatus);
    }

    private static void exit(int status) {
        exitStatus = status;
        System.exit(status);
    }

    /** One line, flushed at once: a supervisor reads it through a pipe and prefixes it with the replica id. */
    private static void say(PrintStream stream, String line) {
        stream.println(line);
        stream.flush();
    }
}
