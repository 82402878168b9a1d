package io.shoal.replicas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs each replica as a child process of Shoal, with {@code PORT} (or the configured variable) and
 * {@code INSTANCE_ID} in its environment, and its output, stdout and stderr merged, passed line by line
 * to a sink (compose's {@code web-2 | ...}).
 */
public final class LocalProcessDriver implements ReplicaDriver {
    private final OrphanRegistry registry;

    public LocalProcessDriver(OrphanRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RunningReplica start(String id, ReplicaSpec spec, int port, LineSink output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(spec.commandFor(port)).redirectErrorStream(true);
        if (spec.workingDir() != null) {
            builder.directory(spec.workingDir().toFile());
        }
        Map<String, String> env = builder.environment();
        env.putAll(spec.env());
        env.put(spec.portEnv(), Integer.toString(port));
        env.put("INSTANCE_ID", id);
        Process process = builder.start();
        registry.add(id, process.toHandle());
        // The registry forgets the process before anyone hears that it ended, so that a Shoal that stops
        // right after has a registry that lists only what still runs.
        CompletableFuture<Integer> exited = process.onExit().thenApply(ended -> {
            registry.remove(ended.toHandle());
            return ended.exitValue();
        });
        Thread reader = new Thread(() -> pump(id, process, output), "replica-output-" + id);
        reader.setDaemon(true);
        reader.start();
        return new LocalReplica(id, port, process, exited);
    }

    private static void pump(String id, Process process, LineSink output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.line(id, line);
            }
        } catch (IOException e) {
            output.line(id, "(output closed: " + e.getMessage() + ")");
        }
    }
}
