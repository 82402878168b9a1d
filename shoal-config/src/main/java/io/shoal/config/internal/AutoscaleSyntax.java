package io.shoal.config.internal;

import io.shoal.config.AutoscaleConfig.Metric;
import io.shoal.config.AutoscaleConfig.Rule;
import io.shoal.config.AutoscaleConfig.Schedule;
import io.shoal.config.Values;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-word values of {@code autoscale}: a metric's figure in its own unit, threshold rules
 * ({@code cpu > 70 for 5m: +1}), days of the week ({@code mon-fri}) and hours of the day
 * ({@code 06:00-09:00}). Each throws {@link IllegalArgumentException} with a message for the user;
 * ranges (a positive target, an end after the start) are checked by validation, on the records.
 */
public final class AutoscaleSyntax {
    private static final Pattern NUMBER = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    private static final Pattern BYTES = Pattern.compile("(\\d{1,12})([kmg]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile(
            "([a-z0-9_]+)\\s*([<>]=?|=+|!=)\\s*(\\S.*?)\\s+for\\s+(\\S+)\\s*:\\s*([+-]?)\\s*(\\d{1,9})");
    private static final String RULE_FORM = "METRIC > or < THRESHOLD for DURATION: +N or -N,"
            + " e.g. \"cpu > 70 for 5m: +1\"";
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
    private static final String HOURS_FORM = "HH:MM-HH:MM, e.g. 06:00-09:00; 24:00 is the end of the day";

    private AutoscaleSyntax() {}

    /**
     * A figure of {@code metric} as the user writes it: {@code cpu} in percent of one core, {@code 70} or
     * {@code 70%}; {@code memory} in bytes with nginx's size units, {@code 256m} (as a long, so that
     * {@code 4g} fits); {@code p95_latency} as a duration, returned in milliseconds; the others as plain
     * numbers, fractions allowed.
     */
    public static double value(Metric metric, String text) {
        String s = text.trim();
        return switch (metric) {
            case CPU -> number(s.endsWith("%") ? s.substring(0, s.length() - 1).trim() : s, text,
                    "percent of one core, e.g. 70 or 70%");
            case MEMORY -> bytes(s, text);
            case P95_LATENCY_MS -> latency(s, text);
            default -> number(s, text, "a number, e.g. " + (metric == Metric.RPS ? "100" : "8"));
        };
    }

    /** {@link #value} written back: {@code 70%}, {@code 256m}, {@code 250ms}, {@code 8}. */
    public static String format(Metric metric, double value) {
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return switch (metric) {
            case CPU -> plain + "%";
            case MEMORY -> value == Math.rint(value) && value <= Integer.MAX_VALUE
                    ? Values.formatSize((int) value) : plain;
            case P95_LATENCY_MS -> value == Math.rint(value)
                    ? Values.formatDuration(Duration.ofMillis((long) value)) : plain + "ms";
            default -> plain;
        };
    }

    private static double number(String s, String text, String expected) {
        if (!NUMBER.matcher(s).matches()) {
            throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
        }
        return Double.parseDouble(s);
    }

    private static double bytes(String s, String text) {
        Matcher m = BYTES.matcher(s);
        if (!m.matches()) {
            String hint = s.matches("(?i)\\d+[kmg]i") ? "; Kubernetes' " + s + " is " + s.substring(0, s.length() - 1)
                    : s.matches("(?i)\\d+[kmg]b") ? "; write " + s.substring(0, s.length() - 1) : "";
            throw new IllegalArgumentException("bad memory '" + text + "' (bytes per replica, or a whole number with"
                    + " k, m or g, e.g. 256m, 1g)" + hint);
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Double.parseDouble(m.group(1)) * (1L << shift);
    }

    private static double latency(String s, String text) {
        if (NUMBER.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + text + "' has no unit; p95_latency is a duration, e.g. "
                    + s + "ms");
        }
        return Values.duration(s).toMillis();
    }

    /**
     * {@code METRIC > THRESHOLD for DURATION: +N}, or {@code <} and {@code -N}, with the threshold in the
     * metric's unit: {@code cpu > 70 for 5m: +1}, {@code p95_latency > 500ms for 30s: +2},
     * {@code memory < 128m for 10m: -1}.
     */
    public static Rule rule(String text) {
        String s = text.trim();
        Matcher m = RULE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad rule '" + text + "' (" + RULE_FORM + ")");
        }
        Metric metric = Names.metric(m.group(1));
        String op = m.group(2);
        if (!op.equals(">") && !op.equals("<")) {
            throw new IllegalArgumentException("rule '" + text + "': compare with > or <, not " + op
                    + " (figures are rarely exactly equal to a threshold)");
        }
        double threshold = value(metric, m.group(3));
        Duration holdFor = Values.duration(m.group(4));
        if (m.group(5).isEmpty()) {
            throw new IllegalArgumentException("rule '" + text + "': write the change with its sign, +"
                    + m.group(6) + " to add replicas or -" + m.group(6) + " to remove them");
        }
        int change = Integer.parseInt(m.group(6));
        return new Rule(metric, op.equals(">"), threshold, holdFor, m.group(5).equals("-") ? -change : change);
    }

    /** {@link #rule} written back, e.g. {@code cpu > 70% for 5m: +1}. */
    public static String format(Rule rule) {
        return rule.metric().configName() + (rule.above() ? " > " : " < ") + format(rule.metric(), rule.threshold())
                + " for " + Values.formatDuration(rule.holdFor()) + ": " + (rule.change() > 0 ? "+" : "") + rule.change();
    }

    /**
     * Days of the week, 1 = Monday .. 7 = Sunday, in order and without repeats: {@code mon}, {@code sat,sun},
     * {@code mon-fri}, {@code mon-wed,fri}. A range runs forwards from Monday: {@code fri-mon} is refused.
     */
    public static List<Integer> days(String text) {
        TreeSet<Integer> days = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("bad days '" + text + "' (e.g. mon-fri, sat,sun or mon)");
            }
            int dash = p.indexOf('-');
            if (dash < 0) {
                days.add(Names.day(p));
                continue;
            }
            int from = Names.day(p.substring(0, dash).trim());
            int to = Names.day(p.substring(dash + 1).trim());
            if (to < from) {
                throw new IllegalArgumentException("days '" + p + "' run backwards; the week starts on Monday, so write"
                        + " them in order (e.g. " + (to == 7 ? "mon-sun" : "sat,sun,mon") + ")");
            }
            for (int d = from; d <= to; d++) {
                days.add(d);
            }
        }
        return List.copyOf(days);
    }

    /**
     * {@code HH:MM-HH:MM} as minutes after midnight, start inclusive, end exclusive; {@code 24:00} is allowed
     * as the end. Whether the end comes after the start is checked by validation.
     */
    public static int[] hours(String text) {
        Matcher m = HOURS.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad hours '" + text + "' (" + HOURS_FORM + ")");
        }
        int from = minute(text, m.group(1), m.group(2), false);
        int to = minute(text, m.group(3), m.group(4), true);
        return new int[] {from, to};
    }

    private static int minute(String text, String hh, String mm, boolean end) {
        int h = Integer.parseInt(hh);
        int min = Integer.parseInt(mm);
        boolean endOfDay = end && h == 24 && min == 0;
        if (!endOfDay && (h > 23 || min > 59)) {
            throw new IllegalArgumentException("bad time " + hh + ":" + mm + " in hours '" + text + "' (00:00 to 23:59"
                    + (end ? ", or 24:00 for the end of the day)" : ")"));
        }
        return h * 60 + min;
    }

    /** {@code HH:MM} of minutes after midnight, {@code 24:00} for the end of the day. */
    public static String formatMinute(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    /** A schedule's hours written back, e.g. {@code 06:00-09:00}. */
    public static String formatHours(Schedule schedule) {
        return formatMinute(schedule.fromMinute()) + "-" + formatMinute(schedule.toMinute());
    }
}
