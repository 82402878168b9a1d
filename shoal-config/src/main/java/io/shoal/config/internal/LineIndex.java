package io.shoal.config.internal;

import io.shoal.config.ConfigException.ConfigProblem;
import java.util.HashMap;
import java.util.Map;

/**
 * The YAML {@link SourceMap}: the line of every key path the binder read. A path never written (a
 * default, say) takes the line of its nearest written ancestor.
 */
public final class LineIndex implements SourceMap {
    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();
    private final PathRenames renames = new PathRenames();

    public LineIndex(String source) {
        this.source = source;
    }

    public void put(String path, int line) {
        lines.put(path, line);
    }

    /** Problems about {@code path} are reported at {@code target}, when {@code target} was written. */
    public void alias(String path, String target) {
        if (lines.containsKey(target)) {
            renames.alias(path, target);
        }
    }

    /** The record's list item {@code recordItem} was written as {@code sourceItem}. */
    public void renumber(String recordItem, String sourceItem) {
        renames.renumber(recordItem, sourceItem);
    }

    @Override
    public String resolve(String recordPath) {
        return renames.resolve(recordPath);
    }

    @Override
    public ConfigProblem locate(String path, String message) {
        return new ConfigProblem(source, lineOf(path), KeyPaths.display(path), message);
    }

    private int lineOf(String path) {
        for (String p = path; ; p = KeyPaths.parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }
}
