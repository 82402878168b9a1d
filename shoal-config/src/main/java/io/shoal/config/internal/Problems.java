package io.shoal.config.internal;

import io.shoal.config.ConfigException;
import io.shoal.config.ConfigException.ConfigProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every problem found, so that one run reports them all. Problems are located as they are added, while
 * the source map still knows the line they were found on. Validation problems about a path the binder
 * already complained about are dropped: a server with a bad address is left out, and "a service needs a
 * server" would only repeat that.
 */
public final class Problems implements ProblemSink {
    private final SourceMap sourceMap;
    private final Set<ConfigProblem> found = new LinkedHashSet<>();
    private final List<String> paths = new ArrayList<>();

    public Problems(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    @Override
    public void add(String path, String message) {
        found.add(sourceMap.locate(path, message));
        paths.add(path);
    }

    /** For problems whose line the source map cannot know, such as YAML syntax errors. */
    public void addAt(String path, int line, String message) {
        ConfigProblem located = sourceMap.locate(path, message);
        found.add(new ConfigProblem(located.source(), line, located.key(), message));
        paths.add(path);
    }

    /**
     * The sink the validator reports to, with paths into the records: adds unless a problem was already
     * found at, inside or around the place that path was written.
     */
    public void addUnlessRelated(String recordPath, String message) {
        String path = sourceMap.resolve(recordPath);
        if (paths.stream().noneMatch(p -> KeyPaths.related(p, path))) {
            found.add(sourceMap.locate(path, message));
        }
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws one exception listing every problem, in file order. */
    public void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(ConfigProblem::line));
            throw new ConfigException(sorted);
        }
    }
}
