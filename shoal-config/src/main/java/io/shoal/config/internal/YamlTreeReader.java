package io.shoal.config.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link Node} tree with Jackson's streaming YAML parser, recording the line of
 * every key and value. Duplicate keys, aliases and extra documents are reported, not silently resolved;
 * a syntax error ends reading and is reported at the line SnakeYAML points to.
 */
public final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final Problems problems;
    private String path = "";

    public YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or empty when the text has none or cannot be parsed. */
    public Optional<Node> read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            Node root = value(parser, "");
            if (parser.nextToken() != null) {
                problems.addAt("", line(parser), "only one YAML document is allowed");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            syntaxError(e);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string", e);
        }
    }

    private Node value(JsonParser parser, String at) throws IOException {
        path = at;
        int line = line(parser);
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return mapping(parser, at, line);
        }
        if (token == JsonToken.START_ARRAY) {
            return sequence(parser, at, line);
        }
        if (((YAMLParser) parser).isCurrentAlias()) {
            problems.addAt(at, line, "YAML aliases (*" + parser.getText() + ") are not supported");
            return new Node.Scalar(null, line);
        }
        return new Node.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
    }

    private Node mapping(JsonParser parser, String at, int line) throws IOException {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser);
            String child = KeyPaths.child(at, key);
            path = child;
            parser.nextToken();
            Node.Entry entry = new Node.Entry(key, keyLine, value(parser, child));
            Node.Entry first = entries.putIfAbsent(key, entry);
            if (first != null) {
                problems.addAt(child, keyLine, "duplicate key; first set on line " + first.line());
            }
        }
        return new Node.Mapping(List.copyOf(entries.values()), line);
    }

    private Node sequence(JsonParser parser, String at, int line) throws IOException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(parser, KeyPaths.item(at, items.size())));
        }
        return new Node.Sequence(List.copyOf(items), line);
    }

    private void syntaxError(JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String message = e.getOriginalMessage();
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            line = yaml.getProblemMark().getLine() + 1;
            message = yaml.getProblem();
        }
        problems.addAt(path, line, "YAML syntax error: " + message);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
