package io.shoal.bench.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations users type for load tools ({@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 1.5h}), as k6
 * and wrk accept them, and prints them back in the same short form.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** Parses one or more number-unit parts; a bare number means seconds. */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.matches("\\d+(\\.\\d+)?")) {
            s += "s";
        }
        Matcher m = PART.matcher(s);
        double nanos = 0;
        int end = 0;
        while (m.lookingAt()) {
            nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
            end = m.end();
            m.region(end, s.length());
        }
        if (end == 0 || end != s.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (examples: 500ms, 30s, 1m30s, 2h)");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** The shortest exact-enough form: {@code 250ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1m30s}. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis > 60_000) {
            return millis / 60_000 + "m" + format(Duration.ofMillis(millis % 60_000));
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
    }

    private static double unitNanos(String unit) {
        switch (unit) {
            case "ms": return 1e6;
            case "s": return 1e9;
            case "m": return 60e9;
            default: return 3600e9;
        }
    }
}
