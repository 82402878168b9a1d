package io.shoal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A header value that may name the request's variables ({@code $host}, {@code $remote_addr} ...), read
 * once at load into literal and variable parts, so that a request only joins them.
 *
 * @param parts literal text, or a variable's name after {@link #VARIABLE_MARK}
 */
public record HeaderTemplate(List<String> parts) {
    /** The variables a value may name, as nginx names them. */
    public static final Set<String> VARIABLES = Set.of("remote_addr", "host", "scheme", "request_uri", "request_id");
    /** Marks a part as a variable's name: no header value can hold it. */
    public static final char VARIABLE_MARK = '\0';

    public HeaderTemplate {
        parts = List.copyOf(parts);
    }

    /**
     * @throws IllegalArgumentException naming an unknown variable
     */
    public static HeaderTemplate parse(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = i + 1;
            while (c == '$' && end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            if (end > i + 1) {
                String name = text.substring(i + 1, end);
                if (!VARIABLES.contains(name)) {
                    throw new IllegalArgumentException("unknown variable $" + name + " in '" + text + "'; known: $"
                            + String.join(", $", VARIABLES.stream().sorted().toList()));
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(VARIABLE_MARK + name);
            } else {
                literal.append(c);
            }
            i = end;
        }
        if (!literal.isEmpty() || parts.isEmpty()) {
            parts.add(literal.toString());
        }
        return new HeaderTemplate(parts);
    }

    /** Whether the value is the same for every request. */
    public boolean isLiteral() {
        return parts.size() == 1 && !isVariable(parts.get(0));
    }

    /** The value as written, variables named with {@code $}. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            text.append(isVariable(part) ? "$" + part.substring(1) : part);
        }
        return text.toString();
    }

    public static boolean isVariable(String part) {
        return !part.isEmpty() && part.charAt(0) == VARIABLE_MARK;
    }
}
