package io.shoal.replicas;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to run for one replica, before it has an id and a port.
 *
 * @param command program and arguments; {@code {port}} in an argument becomes the replica's port
 * @param env extra environment variables
 * @param workingDir where to start it, or null for Shoal's own
 * @param portEnv name of the environment variable that carries the port (Heroku's {@code PORT})
 */
public record ReplicaSpec(List<String> command, Map<String, String> env, Path workingDir, String portEnv) {

    public ReplicaSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** The command with {@code {port}} filled in. */
    List<String> commandFor(int port) {
        return command.stream().map(arg -> arg.replace("{port}", Integer.toString(port))).toList();
    }
}
