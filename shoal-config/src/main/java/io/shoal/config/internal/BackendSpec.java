package io.shoal.config.internal;

import io.shoal.config.HostPort;
import io.shoal.config.ServerConfig;
import io.shoal.config.Values;
import java.util.List;

/**
 * A server written on one line, as quick mode's {@code --backend} takes it:
 * {@code ADDRESS[,weight=N][,backup][,max_conns=N][,max_fails=N][,fail_timeout=DURATION]}.
 * The attribute names are the YAML keys, so both forms read alike.
 */
public final class BackendSpec {
    private static final List<String> ATTRIBUTES = List.of("weight", "backup", "max_conns", "max_fails", "fail_timeout");

    private BackendSpec() {}

    public static ServerConfig parse(String spec) {
        String[] parts = spec.split(",", -1);
        ServerConfig server = ServerConfig.of(Values.serverAddress(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            server = apply(server, parts[i].trim());
        }
        return server;
    }

    private static ServerConfig apply(ServerConfig s, String attribute) {
        int eq = attribute.indexOf('=');
        String name = eq < 0 ? attribute : attribute.substring(0, eq);
        String value = eq < 0 ? null : attribute.substring(eq + 1);
        if (name.equals("backup")) {
            boolean backup = value == null || Values.bool(value);
            return new ServerConfig(s.address(), s.weight(), backup, s.maxConns(), s.maxFails(), s.failTimeout());
        }
        if (!ATTRIBUTES.contains(name)) {
            throw new IllegalArgumentException("unknown attribute '" + name + "'; valid: "
                    + String.join(", ", ATTRIBUTES) + Suggestions.didYouMean(name, ATTRIBUTES));
        }
        if (value == null) {
            throw new IllegalArgumentException(name + " needs a value, e.g. " + name + "=" + example(name));
        }
        HostPort a = s.address();
        return switch (name) {
            case "weight" -> new ServerConfig(a, Values.integer(value), s.backup(), s.maxConns(), s.maxFails(), s.failTimeout());
            case "max_conns" -> new ServerConfig(a, s.weight(), s.backup(), Values.integer(value), s.maxFails(), s.failTimeout());
            case "max_fails" -> new ServerConfig(a, s.weight(), s.backup(), s.maxConns(), Values.integer(value), s.failTimeout());
            default -> new ServerConfig(a, s.weight(), s.backup(), s.maxConns(), s.maxFails(), Values.duration(value));
        };
    }

    private static String example(String name) {
        return name.equals("fail_timeout") ? "10s" : "3";
    }
}
