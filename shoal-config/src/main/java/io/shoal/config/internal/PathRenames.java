package io.shoal.config.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns a path into the records into the path where its value was written. Two things make them
 * differ: items left out of a list because they could not be read (the record's {@code servers[0]}
 * may be the file's {@code servers[1]}), and values taken from elsewhere (a server's inherited
 * {@code max_fails} was written on its service).
 */
final class PathRenames {
    private final Map<String, String> positions = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();

    /** Item {@code recordItem} of a list (whose parent is already a source path) was written as {@code sourceItem}. */
    void renumber(String recordItem, String sourceItem) {
        if (!recordItem.equals(sourceItem)) {
            positions.put(recordItem, sourceItem);
        }
    }

    void alias(String sourcePath, String target) {
        aliases.put(sourcePath, target);
    }

    /** Renumbers list positions from the outermost list inwards, then applies aliases. */
    String resolve(String recordPath) {
        String resolved = "";
        int from = 0;
        for (int i = 1; i <= recordPath.length(); i++) {
            if (i == recordPath.length() || recordPath.charAt(i) == '.' || recordPath.charAt(i) == '[') {
                String prefix = resolved + recordPath.substring(from, i);
                resolved = positions.getOrDefault(prefix, prefix);
                from = i;
            }
        }
        return aliases.getOrDefault(resolved, resolved);
    }
}
