package io.shoal.config.internal;

import java.util.List;

/**
 * A YAML value and the line it starts on. Jackson's data binding forgets positions once a value is
 * bound; this small tree keeps them so every problem can name its line.
 */
public sealed interface Node {
    int line();

    /** How the value is named in "expected X, got Y" messages. */
    String describe();

    /** @param text the scalar as written, or null for YAML null ({@code ~}, {@code null}) */
    record Scalar(String text, int line) implements Node {
        public boolean isBlank() {
            return text == null || text.isEmpty();
        }

        @Override
        public String describe() {
            return text == null ? "nothing" : "'" + text + "'";
        }
    }

    /** Entries in document order, without duplicate keys (the reader reports those). */
    record Mapping(List<Entry> entries, int line) implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** @param line the line of the key, where problems about the value are reported */
    record Entry(String key, int line, Node value) {}

    record Sequence(List<Node> items, int line) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }
}
