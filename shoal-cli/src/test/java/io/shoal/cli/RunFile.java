package io.shoal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code shoal.yaml} with one service, {@code web}, whose replicas are the demo app
 * ({@code examples/demo-app}), checked quickly so that tests do not wait on it.
 */
final class RunFile {
    private RunFile() {}

    static Path demoAppJar() {
        Path jar = Path.of(System.getProperty("demoApp.jar", "../examples/demo-app/target/demo-app.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build examples/demo-app first");
        }
        return jar.toAbsolutePath().normalize();
    }

    static Path write(Path dir, int replicas) throws IOException {
        return write(dir, replicas, List.of(), "20s", "");
    }

    /**
     * Writes {@code dir/shoal.yaml}: {@code replicas} demo apps given {@code appArgs}, plus {@code runExtras}
     * (YAML lines of the {@code run} block).
     */
    static Path write(Path dir, int replicas, List<String> appArgs, String readyTimeout, String runExtras)
            throws IOException {
        return write(dir, replicas, appArgs, readyTimeout, runExtras, "");
    }

    /** As above, plus {@code serviceExtras}: YAML lines of the service beside {@code run}, e.g. {@code autoscale}. */
    static Path write(Path dir, int replicas, List<String> appArgs, String readyTimeout, String runExtras,
                      String serviceExtras) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ShoalProcess.SMALL_JVM);
        command.addAll(List.of("-Xmx48m", "-jar", demoAppJar().toString(), "--max-concurrency", "4"));
        command.addAll(appArgs);
        String yaml = String.join("\n",
                "listeners: [{address: \"127.0.0.1:0\"}]",
                "services:",
                "  web:",
                "    health_check: {path: /health, interval: 250ms, timeout: 1s, rise: 1, fall: 1}",
                "    drain_timeout: 5s",
                "    run:",
                "      command: [" + String.join(", ", command.stream().map(a -> "\"" + a + "\"").toList()) + "]",
                "      replicas: " + replicas,
                "      stop_grace_period: 5s",
                "      ready_timeout: " + readyTimeout,
                runExtras.isEmpty() ? "" : "      " + runExtras.replace("\n", "\n      "),
                serviceExtras.isEmpty() ? "" : "    " + serviceExtras.replace("\n", "\n    "),
                "");
        Path file = dir.resolve("shoal.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
