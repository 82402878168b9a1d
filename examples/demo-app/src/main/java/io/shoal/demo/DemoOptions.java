package io.shoal.demo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo app's settings, read once from the command line and the environment (an option wins over its variable).
 * The replica manager passes {@code PORT} and {@code INSTANCE_ID} in the environment; people running it by hand
 * usually pass {@code --port}.
 */
record DemoOptions(
        String host,
        int port,
        String instance,
        int maxConcurrency,
        Duration startupDelay,
        boolean failOnStart,
        boolean startUnhealthy,
        Duration shutdownGrace,
        String version) {

    static final String USAGE = String.join("\n",
            "usage: java -jar demo-app.jar --port N [options]    (or PORT=N in the environment)",
            "  --port N                 port to listen on, 0 = any free port (env PORT; one of the two is required)",
            "  --host ADDR              address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces)",
            "  --max-concurrency N      worker threads; excess requests queue (env MAX_CONCURRENCY, default: cores)",
            "  --startup-delay 2s       wait this long before binding, like a slow app (env STARTUP_DELAY)",
            "  --fail-on-start          exit 1 at once, for crash-loop tests (env FAIL_ON_START=true)",
            "  --start-unhealthy        /health answers 503 from the start until /recover (env START_UNHEALTHY=true)",
            "  --shutdown-grace 5s      on SIGTERM, wait this long for requests in flight (env SHUTDOWN_GRACE)",
            "  --app-version V          reported as \"version\" in GET / (env APP_VERSION, default 1)",
            "  instance id: env INSTANCE_ID, else hostname-pid");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    DemoOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("--max-concurrency must be at least 1, got " + maxConcurrency);
        }
    }

    /** Reads {@code args} over {@code env}; throws {@link IllegalArgumentException} with a message fit for users. */
    static DemoOptions parse(List<String> args, Map<String, String> env, String defaultInstance) {
        String host = "127.0.0.1";
        String port = env.get("PORT");
        String instance = nonBlank(env.get("INSTANCE_ID")) ? env.get("INSTANCE_ID") : defaultInstance;
        String maxConcurrency = env.get("MAX_CONCURRENCY");
        String startupDelay = env.get("STARTUP_DELAY");
        boolean failOnStart = flag(env.get("FAIL_ON_START"));
        boolean startUnhealthy = flag(env.get("START_UNHEALTHY"));
        String grace = env.get("SHUTDOWN_GRACE");
        String version = nonBlank(env.get("APP_VERSION")) ? env.get("APP_VERSION") : "1";

        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--fail-on-start" -> failOnStart = true;
                case "--start-unhealthy" -> startUnhealthy = true;
                case "--port", "--host", "--max-concurrency", "--startup-delay", "--shutdown-grace", "--app-version" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--port" -> port = value;
                        case "--host" -> host = value;
                        case "--max-concurrency" -> maxConcurrency = value;
                        case "--startup-delay" -> startupDelay = value;
                        case "--shutdown-grace" -> grace = value;
                        default -> version = value;
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (!nonBlank(port)) {
            throw new IllegalArgumentException("no port: pass --port N or set PORT (0 picks a free port)");
        }
        return new DemoOptions(
                host,
                integer("port", port),
                instance,
                nonBlank(maxConcurrency)
                        ? integer("--max-concurrency", maxConcurrency)
                        : Runtime.getRuntime().availableProcessors(),
                nonBlank(startupDelay) ? duration("--startup-delay", startupDelay) : Duration.ZERO,
                failOnStart,
                startUnhealthy,
                nonBlank(grace) ? duration("--shutdown-grace", grace) : DEFAULT_GRACE,
                version);
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m} (the units Shoal's configuration uses), or a bare {@code 0}. */
    static Duration duration(String what, String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a duration such as 500ms, 2s or 1m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static int integer(String what, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a whole number");
        }
    }

    private static boolean flag(String text) {
        return text != null && switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }
}
