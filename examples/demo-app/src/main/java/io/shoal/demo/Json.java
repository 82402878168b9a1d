package io.shoal.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A flat JSON object written by hand: the app has no dependencies. Not thread-safe; one per response. */
final class Json {
    /** Millisecond precision with a {@code Z}, as JavaScript's {@code toISOString()} writes (seed 000). */
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(160).append('{');

    static Json object() {
        return new Json();
    }

    Json put(String key, String value) {
        key(key);
        quote(value, out);
        return this;
    }

    Json put(String key, long value) {
        key(key).append(value);
        return this;
    }

    Json put(String key, boolean value) {
        key(key).append(value);
        return this;
    }

    /** A number with three decimals, e.g. seconds of uptime. */
    Json put(String key, double value) {
        key(key).append(String.format(Locale.ROOT, "%.3f", value));
        return this;
    }

    Json put(String key, Instant value) {
        return put(key, ISO.format(value));
    }

    @Override
    public String toString() {
        return out + "}";
    }

    private StringBuilder key(String key) {
        if (out.length() > 1) {
            out.append(',');
        }
        quote(key, out);
        return out.append(':');
    }

    /** RFC 8259 section 7: quote, backslash and control characters are escaped; everything else is written as is. */
    static void quote(String s, StringBuilder out) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
