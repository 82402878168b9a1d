package io.shoal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar target/demo-app.jar} as a child process, the way the replica manager runs it. */
final class DemoProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("demo-app (\\S+) listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private DemoProcess(Process process) {
        this.process = process;
        stdoutPump = pump(process.getInputStream(), stdout, "stdout");
        stderrPump = pump(process.getErrorStream(), stderr, "stderr");
    }

    static DemoProcess start(Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("demoApp.jar", "target/demo-app.jar"));
        assertThat(jar).as("built by package before failsafe runs").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeAll(List.of(
                "PORT", "INSTANCE_ID", "MAX_CONCURRENCY", "STARTUP_DELAY", "FAIL_ON_START", "START_UNHEALTHY"));
        builder.environment().putAll(env);
        return new DemoProcess(builder.start());
    }

    /** The port from the {@code listening on} line; fails if the process exits or stays silent. */
    int awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (String line : stdout()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(2));
                }
            }
            assertThat(process.isAlive()).as("exited early; stdout %s stderr %s", stdout(), stderr()).isTrue();
            Thread.sleep(10);
        }
        throw new AssertionError("no 'listening on' line within " + timeout + "; stdout " + stdout());
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("exited within %s; stdout %s", timeout, stdout()).isTrue();
        stdoutPump.join(5_000); // the last lines may still be in the pipe
        stderrPump.join(5_000);
        return process.exitValue();
    }

    /** SIGTERM on Unix. Not {@link Process#destroy()}: that also closes our ends of the pipes, losing the last lines. */
    void terminate() {
        process.toHandle().destroy();
    }

    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread pump(InputStream in, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // process gone
            }
        }, "demo-app-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
