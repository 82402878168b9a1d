package io.shoal.config.internal;

import io.shoal.config.ConfigException;
import java.util.function.Function;

/**
 * Reads quick-mode option values through the {@link io.shoal.config.Values} parsers, remembering
 * which option each key path came from so that validation problems name the option too.
 */
public final class OptionParser {
    private final OptionIndex index;
    private final Problems problems;

    public OptionParser(String source) {
        this.index = new OptionIndex(source);
        this.problems = new Problems(index);
    }

    /** Problems about {@code path}, or inside it, are reported as about {@code option}. */
    public void map(String path, String option) {
        index.put(path, option, null);
    }

    /** Like {@link #map(String, String)}, quoting the value: for repeatable options. */
    public void map(String path, String option, String value) {
        index.put(path, option, value);
    }

    /** The record's list item {@code recordItem} came from option value {@code sourceItem}. */
    public void renumber(String recordItem, String sourceItem) {
        index.renumber(recordItem, sourceItem);
    }

    /** The parsed value, or {@code fallback} when {@code raw} is null (not given) or refused (then reported). */
    public <T> T parse(String path, String raw, T fallback, Function<String, T> parser) {
        if (raw == null) {
            return fallback;
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return fallback;
        }
    }

    public ProblemSink problems() {
        return problems;
    }

    /** The sink for {@link Validator}. */
    public ProblemSink validation() {
        return problems::addUnlessRelated;
    }

    public void throwIfAny() throws ConfigException {
        problems.throwIfAny();
    }
}
