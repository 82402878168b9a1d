package io.shoal.config;

import io.shoal.config.internal.Binding;
import io.shoal.config.internal.LineIndex;
import io.shoal.config.internal.Node;
import io.shoal.config.internal.Problems;
import io.shoal.config.internal.RootBinder;
import io.shoal.config.internal.Validator;
import io.shoal.config.internal.YamlTreeReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads {@code shoal.yaml} (schema in docs/configuration.md) into a validated {@link ShoalConfig}.
 *
 * <p>Binding is done by hand over a tree that keeps line numbers, rather than by Jackson data
 * binding, so that every problem names file, line and key, e.g.
 * {@code shoal.yaml:14: services.web.servers[1].weight: must be between 1 and 1000, got 0}, and so
 * that all problems are reported at once instead of the first one. Unknown keys are errors: a
 * misspelt key silently ignored is a setting silently lost.
 *
 * <p>Stateless and thread-safe.
 */
public final class YamlConfigLoader {
    private YamlConfigLoader() {}

    /**
     * Reads and validates a file; messages name it as given.
     *
     * @throws IOException whose message is a sentence for the user, e.g. {@code cannot read shoal.yaml: no such file}
     */
    public static ShoalConfig load(Path file) throws ConfigException, IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + why(e), e);
        }
        return parse(text, file.toString());
    }

    /** The JDK's exceptions name only the file (NoSuchFileException: shoal.yaml): say what went wrong. */
    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() != null ? e.getMessage().toLowerCase(Locale.ROOT) : e.toString();
    }

    /**
     * Parses and validates YAML text.
     *
     * @param sourceName how messages and {@link ShoalConfig#source()} name the text, e.g. "shoal.yaml"
     * @throws ConfigException listing every problem found, in line order
     */
    public static ShoalConfig parse(String text, String sourceName) throws ConfigException {
        LineIndex lines = new LineIndex(sourceName);
        Problems problems = new Problems(lines);
        Node root = new YamlTreeReader(problems).read(text).orElse(null);
        if (root == null && !problems.isEmpty()) {
            problems.throwIfAny();
        }
        if (root == null) {
            root = new Node.Mapping(List.of(), 1);
        }
        ShoalConfig config = RootBinder.bind(sourceName, root, new Binding(problems, lines));
        Validator.validate(config, problems::addUnlessRelated);
        problems.throwIfAny();
        return config;
    }
}
