package io.shoal.config;

import io.shoal.config.internal.Addresses;
import io.shoal.config.internal.AutoscaleSyntax;
import io.shoal.config.internal.BackendSpec;
import io.shoal.config.internal.EnvVars;
import io.shoal.config.internal.Names;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parser per kind of value, shared by the YAML loader and quick mode so that {@code 5s},
 * {@code 8k} or {@code [::1]:8080} mean the same everywhere. Each throws
 * {@link IllegalArgumentException} with a message meant for the user (the caller adds file, line
 * and key). Ranges (positive, 1..65535) are checked later, once, by validation on the records.
 */
public final class Values {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(us|ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmg]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,10}");
    private static final Pattern STATUS_RANGE = Pattern.compile("(\\d{1,9})(?:\\s*-\\s*(\\d{1,9}))?");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");

    private Values() {}

    /**
     * A whole number with a unit, as nginx writes times: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h};
     * {@code us} (microseconds) for the few settings that small, such as {@code busy_poll}.
     */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            String hint = text.trim().matches("\\d+") ? "'" + text + "' has no unit; write e.g. " + text.trim() + "s"
                    : "bad duration '" + text + "'";
            throw new IllegalArgumentException(hint + " (a whole number with ms, s, m or h, e.g. 500ms, 5s, 2m)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "us" -> Duration.ofNanos(n * 1000);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** The shortest exact form {@link #duration} reads back, e.g. {@code 90s}, {@code 2m}, {@code 250ms}, {@code 50us}. */
    public static String formatDuration(Duration d) {
        if (d.toNanos() % 1_000_000 != 0) {
            return d.toNanos() / 1000 + "us";
        }
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** Bytes, or with nginx's units {@code k} (1024) {@code m} (1024²) {@code g} (1024³): {@code 8k}, {@code 1m}. */
    public static int size(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (m.matches()) {
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            long n = Long.parseLong(m.group(1));
            if (n <= (Integer.MAX_VALUE >> shift)) {
                return (int) (n << shift);
            }
        }
        throw new IllegalArgumentException("bad size '" + text + "' (bytes, or a whole number with k, m or g, e.g. 8k, 1m; at most 2g - 1)");
    }

    /** The shortest exact form {@link #size} reads back, e.g. {@code 8k}. */
    public static String formatSize(int bytes) {
        if (bytes != 0 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "m";
        }
        return bytes != 0 && bytes % 1024 == 0 ? (bytes >> 10) + "k" : Integer.toString(bytes);
    }

    public static int integer(String text) {
        String s = text.trim();
        if (INTEGER.matcher(s).matches()) {
            long n = Long.parseLong(s);
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
    }

    /** {@code true}/{@code false}, and YAML 1.1's {@code yes}/{@code no}/{@code on}/{@code off}, which Jackson's YAML parser also reads as booleans. */
    public static boolean bool(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> {
                return true;
            }
            case "false", "no", "off" -> {
                return false;
            }
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        }
    }

    /** {@code host:port}, {@code [::1]:port}, or {@code :port} for every IPv4 interface (0.0.0.0). */
    public static HostPort listenAddress(String text) {
        return Addresses.hostPort(text, true);
    }

    /** {@code host:port} or {@code [::1]:port}; host names are resolved later, never here. */
    public static HostPort serverAddress(String text) {
        return Addresses.hostPort(text, false);
    }

    /** A server on one line: {@code ADDRESS[,weight=N][,backup][,max_conns=N][,max_fails=N][,fail_timeout=D]}. */
    public static ServerConfig server(String spec) {
        return BackendSpec.parse(spec);
    }

    /** An IPv4/IPv6 address or CIDR range, e.g. {@code 10.0.0.0/8}; returned as written. */
    public static String ipOrCidr(String text) {
        if (!Addresses.isIpOrCidr(text)) {
            throw new IllegalArgumentException("expected an IP address or CIDR range such as 10.0.0.0/8, got '" + text + "'");
        }
        return text;
    }

    /** {@code round_robin}, {@code weighted} (its alias), {@code least_conn}, {@code ip_hash}, {@code hash}, {@code random}, {@code p2c}, {@code ewma}. */
    public static BalanceConfig.Algorithm algorithm(String text) {
        return Names.algorithm(text);
    }

    /** {@code uri}, {@code header:NAME}, {@code cookie:NAME} or {@code query:NAME}. */
    public static BalanceConfig.HashKey hashKey(String text) {
        return Names.hashKey(text);
    }

    /** An algorithm with its hash key in one word, as quick mode takes it: {@code least_conn}, {@code hash:uri}, {@code hash:header:X-User}. */
    public static BalanceConfig balance(String text) {
        int colon = text.indexOf(':');
        BalanceConfig.Algorithm algorithm = algorithm(colon < 0 ? text : text.substring(0, colon));
        if (algorithm == BalanceConfig.Algorithm.HASH && colon < 0) {
            throw new IllegalArgumentException("hash needs a key: hash:uri, hash:header:NAME, hash:cookie:NAME or hash:query:NAME");
        }
        return new BalanceConfig(algorithm, colon < 0 ? null : hashKey(text.substring(colon + 1)));
    }

    /** {@code error}, {@code timeout}, {@code http_502}, {@code http_503} or {@code http_504}, as in nginx {@code proxy_next_upstream}. */
    public static RetryPolicy.RetryOn retryOn(String text) {
        return Names.retryOn(text);
    }

    /** A TLS version as nginx's {@code ssl_protocols} writes it: {@code TLSv1.2} or {@code TLSv1.3}. */
    public static String tlsProtocol(String text) {
        for (String known : Defaults.TLS_PROTOCOLS) {
            if (known.equalsIgnoreCase(text.trim())) {
                return known;
            }
        }
        throw new IllegalArgumentException("expected TLSv1.2 or TLSv1.3 (older versions are deprecated by RFC 8996), got '"
                + text + "'");
    }

    /** {@code combined} or {@code json}. */
    public static AccessLogConfig.Format accessLogFormat(String text) {
        return Names.accessLogFormat(text);
    }

    /** {@code http} or {@code tcp}. */
    public static HealthCheckConfig.Type checkType(String text) {
        return Names.checkType(text);
    }

    /** {@code http/1.1} or {@code h2}. */
    public static ServiceConfig.Protocol protocol(String text) {
        return Names.protocol(text);
    }

    /** {@code fail} or {@code spread}. */
    public static PanicConfig.Mode panicMode(String text) {
        return Names.panicMode(text);
    }

    /** {@code always}, {@code on-failure} or {@code never}, as compose's {@code restart:}. */
    public static RestartPolicy.Mode restartMode(String text) {
        return Names.restartMode(text);
    }

    /**
     * A command in one string, split on spaces: {@code java -jar app.jar}. No shell reads it, so quoting is not
     * interpreted; quotes are refused rather than passed on as part of an argument (write a list instead),
     * and {@code $VAR}, {@code &&} or {@code |} reach the program as they are.
     */
    public static List<String> command(String text) {
        if (text.indexOf('"') >= 0 || text.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("quotes are not interpreted in a one-string command, which is only split"
                    + " on spaces; write the command as a list, e.g. [\"sh\", \"-c\", \"echo 'a b'\"]");
        }
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command; name at least the program to run");
        }
        return words;
    }

    /**
     * One environment variable as compose's list form writes it, {@code NAME=value} (the value may be empty or
     * contain {@code =}). A name alone, compose's pass-through, is refused: replicas inherit Shoal's environment.
     */
    public static Map.Entry<String, String> envVar(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("'" + text + "' has no value; write NAME=value (replicas already"
                    + " inherit Shoal's own environment, so passing a variable through needs nothing)");
        }
        String name = text.substring(0, eq);
        if (!EnvVars.isName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid environment variable name ("
                    + EnvVars.NAME_RULE + ")");
        }
        return Map.entry(name, text.substring(eq + 1));
    }

    /** One status code, {@code 200}, or an inclusive range, {@code 200-299}. Codes are checked (100..599) by validation. */
    public static HealthCheckConfig.StatusRange statusRange(String text) {
        Matcher m = STATUS_RANGE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad status '" + text + "' (a code such as 200, or a range such as 200-299)");
        }
        int from = Integer.parseInt(m.group(1));
        return new HealthCheckConfig.StatusRange(from, m.group(2) == null ? from : Integer.parseInt(m.group(2)));
    }

    /** A plain non-negative decimal number such as {@code 0.05} or {@code 12}, e.g. a price. */
    public static double decimal(String text) {
        String s = text.trim();
        if (!DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException("bad number '" + text + "' (a number such as 0.05 or 12)");
        }
        return Double.parseDouble(s);
    }

    /**
     * A share, as a percentage {@code 10%} or as a fraction {@code 0.1}; both give the same double. A bare
     * number above 1 is refused rather than read as a percentage, since {@code 10} could mean either.
     */
    public static double fraction(String text) {
        String s = text.trim();
        boolean percent = s.endsWith("%");
        String number = percent ? s.substring(0, s.length() - 1).trim() : s;
        if (!DECIMAL.matcher(number).matches()) {
            throw new IllegalArgumentException("bad share '" + text + "' (a percentage such as 10%, or a fraction such as 0.1)");
        }
        BigDecimal value = new BigDecimal(number);
        if (!percent && value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than 1 as a fraction; write " + s + "% for a percentage");
        }
        return (percent ? value.movePointLeft(2) : value).doubleValue();
    }

    /** The shortest exact percentage {@link #fraction} reads back, e.g. {@code 10%} for 0.1. */
    public static String formatPercent(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
            return fraction * 100 + "%";
        }
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * A threshold rule of {@code autoscale.rules}: {@code METRIC > THRESHOLD for DURATION: +N} or with {@code <}
     * and {@code -N}, the threshold in the metric's unit, e.g. {@code cpu > 70 for 5m: +1},
     * {@code p95_latency > 500ms for 30s: +2}.
     */
    public static AutoscaleConfig.Rule autoscaleRule(String text) {
        return AutoscaleSyntax.rule(text);
    }

    /**
     * A figure of an autoscaling metric in its unit: cpu {@code 70} or {@code 70%} (of one core), memory a
     * size ({@code 256m}, in bytes), p95_latency a duration (in milliseconds), the others a number.
     */
    public static double metricValue(AutoscaleConfig.Metric metric, String text) {
        return AutoscaleSyntax.value(metric, text);
    }

    /** Days of the week as {@code mon-fri}, {@code sat,sun} or {@code mon}: 1 = Monday .. 7 = Sunday, in order. */
    public static List<Integer> days(String text) {
        return AutoscaleSyntax.days(text);
    }

    /**
     * A health check in one word, as quick mode's {@code --health-check} takes it: a path starting with
     * {@code /} is an HTTP GET of that path, {@code tcp} a TCP connect; every other setting is the default.
     */
    public static HealthCheckConfig healthCheck(String text) {
        String s = text.trim();
        if (s.startsWith("/")) {
            return HealthCheckConfig.http(s);
        }
        if (s.equals("tcp")) {
            return HealthCheckConfig.tcp();
        }
        throw new IllegalArgumentException("expected a path starting with / (an HTTP GET of that path) or tcp"
                + " (a TCP connect), got '" + text + "'");
    }
}
