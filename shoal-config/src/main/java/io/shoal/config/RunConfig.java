package io.shoal.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A service whose servers Shoal runs itself: {@code replicas} copies of a command, each on its own
 * loopback port (compose's {@code deploy.replicas}, without containers).
 *
 * @param command program and arguments; {@code {port}} in an argument becomes the replica's port
 * @param env extra environment; every replica also gets {@code INSTANCE_ID} and the port variable
 * @param workingDir directory to start in, or null for Shoal's own
 * @param portEnv name of the variable that carries the port
 * @param replicas how many copies run
 * @param restart what happens when a replica exits on its own
 * @param stopGrace time between the stop signal (SIGTERM) and SIGKILL
 * @param readyTimeout time a new replica has to pass its health check before it counts as failed
 */
public record RunConfig(
        List<String> command, Map<String, String> env, String workingDir, String portEnv, int replicas,
        RestartPolicy restart, Duration stopGrace, Duration readyTimeout) {

    /** The variable every replica gets with its stable id ({@code web-1}, {@code web-2}, ...). */
    public static final String INSTANCE_ID_ENV = "INSTANCE_ID";

    public RunConfig {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** {@code command} with every other setting at its default, as a {@code run} block with only {@code command}. */
    public static RunConfig of(List<String> command) {
        return new RunConfig(command, Map.of(), null, Defaults.PORT_ENV, Defaults.REPLICAS, RestartPolicy.defaults(),
                Defaults.STOP_GRACE, Defaults.READY_TIMEOUT);
    }

    public RunConfig withReplicas(int count) {
        return new RunConfig(command, env, workingDir, portEnv, count, restart, stopGrace, readyTimeout);
    }

    public RunConfig withEnv(Map<String, String> newEnv) {
        return new RunConfig(command, newEnv, workingDir, portEnv, replicas, restart, stopGrace, readyTimeout);
    }
}
