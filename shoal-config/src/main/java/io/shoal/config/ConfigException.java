package io.shoal.config;

import java.util.List;
import java.util.stream.Collectors;

/** Invalid configuration: every problem found, each with file, line and key. Nothing was applied. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /**
     * One thing wrong with the configuration.
     *
     * @param source file name, or "command line"
     * @param line 1-based line in the file, or 0 when not from a file
     * @param key where in the configuration, e.g. {@code services.web.servers[1].weight}
     */
    public record ConfigProblem(String source, int line, String key, String message) {
        @Override
        public String toString() {
            return (line > 0 ? source + ":" + line : source) + ": " + key + ": " + message;
        }
    }
}
