package io.shoal.config.internal;

import io.shoal.config.Values;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One YAML mapping being bound. Each key a binder asks for is remembered, so {@link #finish()} can
 * report every other key as unknown and suggest the closest known one; asking also records the key's
 * line. A value that cannot be read is reported and replaced by the default, so binding goes on.
 */
public final class Section {
    private final Binding binding;
    private final String path;
    private final Map<String, Node.Entry> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    Section(Binding binding, String path, List<Node.Entry> entries) {
        this.binding = binding;
        this.path = path;
        entries.forEach(e -> this.entries.put(e.key(), e));
    }

    public Binding binding() {
        return binding;
    }

    public String child(String key) {
        return KeyPaths.child(path, key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Every key present, for mappings whose keys are names (services, headers); all count as known. */
    public List<String> keys() {
        known.addAll(entries.keySet());
        return List.copyOf(entries.keySet());
    }

    public Optional<Node> get(String key) {
        known.add(key);
        Node.Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        binding.lines().put(child(key), entry.line());
        return Optional.of(entry.value());
    }

    /** Like {@link #get} but reports the key as missing. */
    public Optional<Node> require(String key) {
        Optional<Node> node = get(key);
        if (node.isEmpty()) {
            binding.problems().add(child(key), "required key is missing");
        }
        return node;
    }

    /** A required scalar through one of the {@link Values} parsers. */
    public <T> Optional<T> required(String key, Function<String, T> parser) {
        return require(key).flatMap(node -> binding.parse(child(key), node, parser));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<String> text(String key) {
        return get(key).flatMap(node -> binding.text(child(key), node));
    }

    public <T> Optional<T> value(String key, Function<String, T> parser) {
        return get(key).flatMap(node -> binding.parse(child(key), node, parser));
    }

    public <T> T value(String key, T fallback, Function<String, T> parser) {
        return value(key, parser).orElse(fallback);
    }

    public int integer(String key, int fallback) {
        return value(key, fallback, Values::integer);
    }

    public boolean bool(String key, boolean fallback) {
        return value(key, fallback, Values::bool);
    }

    public Duration duration(String key, Duration fallback) {
        return value(key, fallback, Values::duration);
    }

    public int size(String key, int fallback) {
        return value(key, fallback, Values::size);
    }

    public Optional<Section> section(String key) {
        return get(key).flatMap(node -> binding.section(child(key), node));
    }

    public List<Node> list(String key) {
        return get(key).map(node -> binding.list(child(key), node)).orElse(List.of());
    }

    /** A list of scalars, each parsed; items that cannot be are reported and left out. */
    public <T> List<T> values(String key, Function<String, T> parser) {
        return binding.items(child(key), list(key), (path, node) -> binding.parse(path, node, parser));
    }

    /** A mapping of names to single values, such as request headers. */
    public Map<String, String> textMap(String key) {
        Map<String, String> values = new LinkedHashMap<>();
        section(key).ifPresent(s -> {
            for (String name : s.keys()) {
                s.text(name).ifPresent(text -> values.put(name, text));
            }
        });
        return values;
    }

    /** A key an older Shoal read here: reported with where it is written now, so that an old file says what to change. */
    public void moved(String key, String newPath) {
        get(key).ifPresent(node -> binding.problems().add(child(key), "moved: write it as " + newPath));
    }

    /** Reports every key that no binder asked for. */
    public void finish() {
        for (Node.Entry entry : entries.values()) {
            if (!known.contains(entry.key())) {
                String at = child(entry.key());
                binding.lines().put(at, entry.line());
                binding.problems().add(at, "unknown key" + Suggestions.didYouMean(entry.key(), known));
            }
        }
    }
}
