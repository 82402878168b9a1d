package io.shoal.config.internal;

import io.shoal.config.RestartPolicy;
import io.shoal.config.RunConfig;
import io.shoal.config.Values;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds a service's {@code run} block; absent keys take {@link RunConfig#of}'s defaults. {@code command} is a
 * list or one string split on spaces; {@code env} a mapping or compose's list of {@code NAME=value};
 * {@code restart} a policy name or a mapping with its backoff and limits, as {@code panic} has both forms.
 * Names and ranges are checked later, on the record, by {@link RunValidator}.
 */
final class RunBinder {
    private static final List<String> RETRY_KEYS = List.of("backoff", "max_backoff", "max_restarts", "window");

    private RunBinder() {}

    static RunConfig run(Section s) {
        RunConfig d = RunConfig.of(List.of());
        List<String> command = command(s);
        Map<String, String> env = env(s);
        String workingDir = s.text("working_dir").orElse(d.workingDir());
        String portEnv = s.text("port_env").orElse(d.portEnv());
        int replicas = s.integer("replicas", d.replicas());
        RestartPolicy restart = restart(s, d.restart());
        Duration stopGrace = s.duration("stop_grace_period", d.stopGrace());
        Duration readyTimeout = s.duration("ready_timeout", d.readyTimeout());
        s.finish();
        return new RunConfig(command, env, workingDir, portEnv, replicas, restart, stopGrace, readyTimeout);
    }

    /** Empty when missing or unreadable (that is reported; validation then stays quiet about it). */
    private static List<String> command(Section s) {
        Optional<Node> node = s.require("command");
        if (node.isEmpty()) {
            return List.of();
        }
        String key = s.child("command");
        if (node.get() instanceof Node.Scalar scalar) {
            return s.binding().parse(key, scalar, Values::command).orElse(List.of());
        }
        if (node.get() instanceof Node.Mapping) {
            s.binding().problems().add(key, "expected a list of the program and its arguments, or one string, got a mapping");
            return List.of();
        }
        return s.values("command", Function.identity());
    }

    private static Map<String, String> env(Section s) {
        Optional<Node> node = s.get("env");
        if (node.isPresent() && node.get() instanceof Node.Sequence) {
            return envList(s);
        }
        Map<String, String> env = new LinkedHashMap<>();
        s.section("env").ifPresent(m -> {
            for (String name : m.keys()) {
                String at = m.child(name);
                m.get(name).flatMap(value -> envValue(m.binding(), at, value)).ifPresent(value -> env.put(name, value));
            }
        });
        return env;
    }

    /**
     * A value as written. {@code NAME:} is an empty value, as {@code NAME: ''} is (the YAML reader does not tell
     * them apart), not compose's "pass Shoal's own value through": replicas inherit Shoal's environment anyway,
     * for every variable not listed here. YAML null ({@code ~}) is refused.
     */
    private static Optional<String> envValue(Binding binding, String at, Node value) {
        if (value instanceof Node.Scalar scalar && scalar.text() != null) {
            return Optional.of(scalar.text());
        }
        binding.problems().add(at, value instanceof Node.Scalar
                ? "missing value; write '' for an empty one (replicas inherit Shoal's own environment without being told)"
                : "expected a single value, got " + value.describe());
        return Optional.empty();
    }

    /** Compose's list form, {@code - NAME=value}; problems about {@code env.NAME} are reported at its item. */
    private static Map<String, String> envList(Section s) {
        String key = s.child("env");
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Integer> first = new LinkedHashMap<>();
        List<Node> items = s.list("env");
        for (int i = 0; i < items.size(); i++) {
            String at = KeyPaths.item(key, i);
            int index = i;
            s.binding().parse(at, items.get(i), Values::envVar).ifPresent(e -> {
                Integer earlier = first.putIfAbsent(e.getKey(), index);
                if (earlier != null) {
                    s.binding().problems().add(at, e.getKey() + " is already set by env[" + earlier + "]");
                    return;
                }
                env.put(e.getKey(), e.getValue());
                s.binding().lines().alias(KeyPaths.child(key, e.getKey()), at);
            });
        }
        return env;
    }

    /** {@code always}, {@code on-failure}, {@code never}, or {@code {policy: always, backoff: 500ms, ...}}. */
    private static RestartPolicy restart(Section s, RestartPolicy d) {
        Optional<Node> node = s.get("restart");
        if (node.isPresent() && node.get() instanceof Node.Mapping) {
            return s.section("restart").map(m -> restartSettings(m, d)).orElse(d);
        }
        RestartPolicy.Mode mode = s.value("restart", d.mode(), Values::restartMode);
        return new RestartPolicy(mode, d.initialBackoff(), d.maxBackoff(), d.maxRestarts(), d.window());
    }

    /**
     * Without {@code max_backoff}, the longer of its default and {@code backoff}, so that raising the backoff
     * alone is never an error (as {@code max_ejection_time} follows {@code base_ejection_time}).
     */
    private static RestartPolicy restartSettings(Section s, RestartPolicy d) {
        RestartPolicy.Mode mode = s.value("policy", d.mode(), Values::restartMode);
        Duration backoff = s.duration("backoff", d.initialBackoff());
        Duration maxBackoff = s.duration("max_backoff",
                backoff.compareTo(d.maxBackoff()) > 0 ? backoff : d.maxBackoff());
        int maxRestarts = s.integer("max_restarts", d.maxRestarts());
        Duration window = s.duration("window", d.window());
        if (mode == RestartPolicy.Mode.NEVER) {
            for (String key : RETRY_KEYS) {
                if (s.has(key)) {
                    s.binding().problems().add(s.child(key), "only applies to policy: always or on-failure, not never");
                }
            }
        }
        s.finish();
        return new RestartPolicy(mode, backoff, maxBackoff, maxRestarts, window);
    }
}
