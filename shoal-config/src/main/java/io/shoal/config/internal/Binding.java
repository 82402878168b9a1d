package io.shoal.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every binder shares: where problems go and where lines are recorded. Its methods turn one
 * {@link Node} into the shape a key needs, reporting "expected X, got Y" at the node's path otherwise.
 */
public record Binding(Problems problems, LineIndex lines) {

    /** A mapping as a {@link Section}; an empty value counts as an empty mapping. */
    public Optional<Section> section(String path, Node node) {
        if (node instanceof Node.Mapping mapping) {
            return Optional.of(new Section(this, path, mapping.entries()));
        }
        if (node instanceof Node.Scalar scalar && scalar.isBlank()) {
            return Optional.of(new Section(this, path, List.of()));
        }
        problems.add(path, "expected a mapping, got " + node.describe());
        return Optional.empty();
    }

    /** The items of a list, each with its line recorded; an empty value counts as an empty list. */
    public List<Node> list(String path, Node node) {
        if (node instanceof Node.Sequence sequence) {
            List<Node> items = new ArrayList<>();
            for (Node item : sequence.items()) {
                lines.put(KeyPaths.item(path, items.size()), item.line());
                items.add(item);
            }
            return items;
        }
        if (!(node instanceof Node.Scalar scalar && scalar.isBlank())) {
            problems.add(path, "expected a list, got " + node.describe());
        }
        return List.of();
    }

    /**
     * Binds each item of a list; items that cannot be bound are left out (their problems are reported)
     * and the positions of the others are recorded, so that validation still names the right item.
     */
    public <T> List<T> items(String path, List<Node> nodes, BiFunction<String, Node, Optional<T>> binder) {
        List<T> bound = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String item = KeyPaths.item(path, i);
            Optional<T> value = binder.apply(item, nodes.get(i));
            if (value.isPresent()) {
                lines.renumber(KeyPaths.item(path, bound.size()), item);
                bound.add(value.get());
            }
        }
        return bound;
    }

    /** The text of a scalar; an empty one is missing, since YAML writes {@code key:} and {@code key: ""} alike. */
    public Optional<String> text(String path, Node node) {
        if (node instanceof Node.Scalar scalar && !scalar.isBlank()) {
            return Optional.of(scalar.text());
        }
        problems.add(path, node instanceof Node.Scalar ? "missing value" : "expected a single value, got " + node.describe());
        return Optional.empty();
    }

    /** A scalar through one of the {@link io.shoal.config.Values} parsers, whose message is reported when it refuses. */
    public <T> Optional<T> parse(String path, Node node, Function<String, T> parser) {
        return text(path, node).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text));
            } catch (IllegalArgumentException e) {
                problems.add(path, e.getMessage());
                return Optional.empty();
            }
        });
    }
}
