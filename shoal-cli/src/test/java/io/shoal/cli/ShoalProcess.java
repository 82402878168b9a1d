package io.shoal.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code target/shoal.jar} run as a child process, the way users run it, so that tests cover the
 * packaged jar, its logging setup, exit statuses and what it prints. Output is collected as it comes.
 */
final class ShoalProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("shoal: listening on (.+):(\\d+) \\((\\w+)\\)");
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();

    private final List<Thread> readers;

    private ShoalProcess(Process process) {
        this.process = process;
        this.readers = List.of(drain(process.getInputStream(), stdout, stdoutLines),
                drain(process.getErrorStream(), stderr, new LinkedBlockingQueue<>()));
    }

    /** Runs {@code java JVM_OPTIONS -jar target/shoal.jar ARGS}. */
    static ShoalProcess start(List<String> jvmOptions, String... args) throws IOException {
        return new ShoalProcess(new ProcessBuilder(command(jvmOptions, args)).start());
    }

    /**
     * Runs {@code java -jar .../target/shoal.jar ARGS} in {@code workDir} (where it keeps {@code .shoal/}),
     * as a small JVM: these tests run Shoal beside several replica JVMs on machines with two cores.
     */
    static ShoalProcess startIn(Path workDir, String... args) throws IOException {
        return new ShoalProcess(new ProcessBuilder(command(SMALL_JVM, args)).directory(workDir.toFile()).start());
    }

    /**
     * {@code nohup ./shoal ARGS} in {@code workDir}, as an operator starts it: through the checkout's launcher
     * script, with SIGHUP ignored. The script runs from a copy beside a link to {@code target/shoal.jar},
     * so that it finds nothing to rebuild; {@link #SMALL_JVM} through {@code SHOAL_JAVA_OPTS}, no CDS archive.
     */
    static ShoalProcess startUnderNohup(Path workDir, String... args) throws IOException {
        Path checkout = Files.createTempDirectory(workDir, "checkout");
        Path launcher = Files.copy(Path.of("..", "shoal"), checkout.resolve("shoal"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(checkout.resolve("shoal-cli/target"));
        Files.createSymbolicLink(checkout.resolve("shoal-cli/target/shoal.jar"), Path.of("target", "shoal.jar").toAbsolutePath());
        List<String> command = new ArrayList<>(List.of("nohup", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Path java = Path.of(System.getProperty("java.home"), "bin");
        builder.environment().merge("PATH", java.toString(), (path, javaBin) -> javaBin + File.pathSeparator + path);
        builder.environment().put("SHOAL_JAVA_OPTS", String.join(" ", SMALL_JVM));
        builder.environment().put("SHOAL_CDS", "off");
        return new ShoalProcess(builder.start());
    }

    /** {@code nohup java -jar .../target/shoal.jar ARGS} in {@code workDir}: SIGHUP ignored, without the launcher script. */
    static ShoalProcess startJarUnderNohup(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("nohup"));
        command.addAll(command(SMALL_JVM, args));
        return new ShoalProcess(new ProcessBuilder(command).directory(workDir.toFile()).start());
    }

    /** JVM flags that start faster and use less memory and CPU, for Shoal's own commands and replicas in tests. */
    static final List<String> SMALL_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(Path.of("target", "shoal.jar").toAbsolutePath().toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The first line of standard output containing {@code text}, waiting for it; fails, showing all
     * output, if it does not come in time.
     */
    String awaitStdout(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stdout.toString().split("\n")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        return fail("no line with '%s' within %s; stdout:%n%s%nstderr:%n%s", text, timeout, stdout, stderr);
    }

    /** Like {@link #awaitStdout}, on standard error. */
    String awaitStderr(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stderr.toString().split("\n")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        return fail("no line with '%s' on stderr within %s; stdout:%n%s%nstderr:%n%s", text, timeout, stdout, stderr);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}) with {@code kill}. */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    static ShoalProcess start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** The address of the first "listening on" line; fails, showing stderr, if the process ends first. */
    InetSocketAddress awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = stdoutLines.poll(100, TimeUnit.MILLISECONDS);
            if (line == EOF) { // the sentinel object itself, not an equal line
                break;
            }
            Matcher m = line == null ? null : LISTENING.matcher(line);
            if (m != null && m.find()) {
                return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        return fail("no 'listening on' line within %s; stdout:%n%s%nstderr:%n%s", timeout, stdout, stderr);
    }

    /** The exit status, once all output is read; fails if the process is still running after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("still running after %s; stderr:%n%s", timeout, stderr);
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /**
     * SIGTERM, as a service manager would send, then SIGKILL if it does not stop. Signals go through
     * the {@link ProcessHandle}, because {@link Process#destroy()} also closes the output pipes, and
     * what the process prints while stopping is worth reading.
     */
    @Override
    public void close() {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.toHandle().destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.toHandle().destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread drain(InputStream in, StringBuffer all, BlockingQueue<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    all.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                all.append("(reading failed: ").append(e).append(")\n");
            }
            lines.add(EOF);
        }, "shoal-process-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
