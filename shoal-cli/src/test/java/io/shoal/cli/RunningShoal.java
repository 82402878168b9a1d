package io.shoal.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code shoal up -f shoal.yaml} running in a test's directory, with its proxy address and admin API.
 * {@link #close} stops it and then kills whatever it may have left: its descendants, the processes
 * recorded in {@code .shoal/replicas.json} and {@code .shoal/shoal.pid}, so that a failed test leaves
 * no process behind.
 */
final class RunningShoal implements AutoCloseable {
    final Path dir;
    final ShoalProcess process;
    final InetSocketAddress proxy;
    final AdminApi admin;

    private RunningShoal(Path dir, ShoalProcess process, InetSocketAddress proxy) {
        this.dir = dir;
        this.process = process;
        this.proxy = proxy;
        this.admin = new AdminApi(dir);
    }

    /** How a test starts Shoal's process: {@link ShoalProcess#startIn}, unless it tests how Shoal is started. */
    @FunctionalInterface
    interface Starter {
        ShoalProcess start(Path workDir, String... args) throws IOException;
    }

    static RunningShoal up(Path dir, String... extraArgs) throws IOException, InterruptedException {
        return up(ShoalProcess::startIn, dir, extraArgs);
    }

    static RunningShoal up(Starter starter, Path dir, String... extraArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("up", "-f", "shoal.yaml", "--admin", "127.0.0.1:0"));
        args.addAll(List.of(extraArgs));
        ShoalProcess process = starter.start(dir, args.toArray(String[]::new));
        RunningShoal shoal;
        try {
            shoal = new RunningShoal(dir, process, process.awaitListening(Duration.ofSeconds(30)));
            shoal.admin.await();
        } catch (RuntimeException | Error e) {
            killLeftovers(dir, process.handle());
            throw e;
        }
        return shoal;
    }

    /** Runs another {@code shoal} command in the same directory, e.g. {@code ps}. */
    Cli cli(String... args) throws IOException, InterruptedException {
        return Cli.run(dir, Duration.ofSeconds(120), args);
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.handle().descendants().toList();
        process.close();
        descendants.forEach(ProcessHandle::destroyForcibly);
        killLeftovers(dir, null);
    }

    /** Kills {@code root} and its descendants, and every process the files in {@code dir/.shoal} name. */
    static void killLeftovers(Path dir, ProcessHandle root) {
        List<ProcessHandle> victims = new ArrayList<>();
        if (root != null) {
            root.descendants().forEach(victims::add);
            victims.add(root);
        }
        try {
            Path pidFile = dir.resolve(".shoal/shoal.pid");
            if (Files.isRegularFile(pidFile)) {
                Optional<ProcessHandle> shoal = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                        .filter(p -> runs(p, "shoal.jar"));
                shoal.ifPresent(p -> {
                    p.descendants().forEach(victims::add);
                    victims.add(p);
                });
            }
            Path replicas = dir.resolve(".shoal/replicas.json");
            if (Files.isRegularFile(replicas)) {
                for (var entry : AdminClient.JSON.readTree(replicas.toFile())) {
                    ProcessHandle.of(entry.path("pid").asLong()).filter(p -> runs(p, "demo-app")).ifPresent(victims::add);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // best effort: the test has failed already if these files are unreadable
        }
        victims.forEach(ProcessHandle::destroyForcibly);
    }

    /** Whether the process runs what we think: a pid in a file may have been reused since. */
    private static boolean runs(ProcessHandle process, String what) {
        return process.info().commandLine().map(line -> line.contains(what)).orElse(false);
    }
}
