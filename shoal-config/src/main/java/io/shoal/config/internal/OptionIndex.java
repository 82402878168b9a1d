package io.shoal.config.internal;

import io.shoal.config.ConfigException.ConfigProblem;
import java.util.HashMap;
import java.util.Map;

/**
 * The quick-mode {@link SourceMap}: which command-line option produced each key path, so a problem
 * found on the records names {@code --backend} rather than {@code services.default.servers[1]}.
 * Repeatable options also remember their value, to say which of them is wrong.
 */
public final class OptionIndex implements SourceMap {
    private final String source;
    private final Map<String, Option> options = new HashMap<>();
    private final PathRenames renames = new PathRenames();

    public OptionIndex(String source) {
        this.source = source;
    }

    /** @param value the option's value, quoted in messages; null when the option name says enough */
    public void put(String path, String option, String value) {
        options.put(path, new Option(option, value));
    }

    /** The record's list item {@code recordItem} came from the option value at {@code sourceItem}. */
    public void renumber(String recordItem, String sourceItem) {
        renames.renumber(recordItem, sourceItem);
    }

    @Override
    public String resolve(String recordPath) {
        return renames.resolve(recordPath);
    }

    @Override
    public ConfigProblem locate(String path, String message) {
        for (String p = path; ; p = KeyPaths.parent(p)) {
            Option option = options.get(p);
            if (option != null) {
                String rest = path.substring(p.length()).replaceFirst("^\\.", "");
                String what = rest.isEmpty() ? message : rest + " " + message;
                return new ConfigProblem(source, 0, option.name, option.value == null ? what : "'" + option.value + "': " + what);
            }
            if (p.isEmpty()) {
                return new ConfigProblem(source, 0, KeyPaths.display(path), message);
            }
        }
    }

    private record Option(String name, String value) {}
}
