package io.shoal.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code shoal up -d}: starts {@code shoal up} again as a background process of its own session
 * (so that closing the terminal or Ctrl-C in it does not reach it), output to {@code .shoal/shoal.log},
 * and returns once its admin endpoint answers, or with {@code --wait} once its replicas are ready too.
 */
final class Background {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 30;

    private Background() {}

    /** The option that tells the background {@code shoal up} it has no terminal to be stopped from. */
    static final String CHILD_OPTION = "--in-background";

    /** @param readyTimeout how long to wait for every service's replicas to be ready; empty: do not wait */
    static int start(StateDir state, Path file, AdminBind admin, EventLogOptions eventLog, Optional<Duration> readyTimeout)
            throws InterruptedException {
        try {
            Optional<AutoCloseable> lock = state.lock();
            if (lock.isEmpty()) {
                System.err.println("shoal: a Shoal is already running in " + state.dir().getParent() + " (admin "
                        + state.adminAddress().orElse("address unknown") + "); 'shoal down' stops it");
                return Launcher.EXIT_START_FAILED;
            }
            lock.get().close(); // only checked: the background Shoal takes it
            state.forget();
            Process process = spawn(command(file, admin, eventLog), state.logFile());
            int started = awaitAdmin(state, process);
            if (started != 0 || readyTimeout.isEmpty()) {
                return started;
            }
            return ReadyWait.await(AdminClient.locate(null, state.dir().getParent()), readyTimeout.get(), process);
        } catch (Exception e) {
            System.err.println("shoal: cannot start in the background: " + e.getMessage());
            return Launcher.EXIT_START_FAILED;
        }
    }

    /** The same JVM, with the same flags and class path, running {@code shoal up} without {@code -d}. */
    private static List<String> command(Path file, AdminBind admin, EventLogOptions eventLog) {
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("up");
        command.add(CHILD_OPTION);
        command.add("-f");
        command.add(file.toAbsolutePath().toString());
        command.addAll(eventLog.arguments());
        if (admin.option() != null) {
            command.add("--admin");
            command.add(admin.option());
        }
        return command;
    }

    private static Process spawn(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            builder.redirectInput(devNull);
        }
        return builder.start();
    }

    private static int awaitAdmin(StateDir state, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path log = relative(state.logFile());
        while (System.nanoTime() < deadline) {
            Optional<String> address = state.adminAddress();
            if (address.isPresent() && answers(address.get())) {
                long pid = state.pid().orElse(process.pid());
                System.out.println("shoal: running in the background (pid " + pid + "), admin endpoint http://"
                        + address.get() + "/api/v1");
                System.out.println("shoal: its output, replicas' included, goes to " + log
                        + " ('shoal logs SERVICE' shows one service's)");
                System.out.println("shoal: 'shoal ps' lists the replicas; 'shoal down' stops everything");
                return 0;
            }
            if (!process.isAlive()) {
                System.err.println("shoal: the background Shoal stopped (exit status " + process.exitValue()
                        + "); the end of " + log + ":");
                tail(state.logFile()).forEach(line -> System.err.println("  " + line));
                return Launcher.EXIT_START_FAILED;
            }
            Thread.sleep(100);
        }
        System.err.println("shoal: the background Shoal's admin endpoint did not answer within "
                + START_TIMEOUT.toSeconds() + "s; stopping it. The end of " + log + ":");
        tail(state.logFile()).forEach(line -> System.err.println("  " + line));
        process.destroy();
        return Launcher.EXIT_START_FAILED;
    }

    private static boolean answers(String address) {
        try {
            new AdminClient(address, StateDir.NAME + "/admin", null).get("/replicas"); // reading from loopback: no token
            return true;
        } catch (AdminClient.Failure e) {
            return false;
        }
    }

    private static List<String> tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read it: " + e.getMessage() + ")");
        }
    }

    /** The log's path as the user would type it from here. */
    private static Path relative(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file) : file;
    }
}
