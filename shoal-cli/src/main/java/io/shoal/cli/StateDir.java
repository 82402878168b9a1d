package io.shoal.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code .shoal/} in the directory Shoal was started from (compose's project directory): what one
 * running Shoal shares with the commands that talk to it and with the next Shoal started there.
 *
 * <pre>
 * .shoal/lock           held (an OS file lock) while a Shoal runs here; freed by the kernel even on kill -9
 * .shoal/admin          the admin endpoint's address, 127.0.0.1:9901, for ps, scale, logs, rollout, down
 * .shoal/admin-token    the admin endpoint's bearer token (mode 0600), kept across runs
 * .shoal/shoal.pid      that Shoal's process id
 * .shoal/replicas.json  the replica processes it started, so that a Shoal started after a crash stops them
 * .shoal/shoal.log      output of a Shoal started with up -d
 * .shoal/autoscale-history.csv  request rate per hour of the week, learnt by predictive scaling
 * </pre>
 */
final class StateDir {
    static final String NAME = ".shoal";

    private final Path dir;

    StateDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** {@code .shoal} in the current working directory. */
    static StateDir here() {
        return new StateDir(Path.of("").toAbsolutePath().resolve(NAME));
    }

    /** The nearest {@code .shoal} with an admin address, from {@code start} up through its parents. */
    static Optional<StateDir> find(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            StateDir candidate = new StateDir(p.resolve(NAME));
            if (Files.isRegularFile(candidate.adminFile())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    Path dir() {
        return dir;
    }

    Path autoscaleHistoryFile() {
        return dir.resolve("autoscale-history.csv");
    }

    Path replicasFile() {
        return dir.resolve("replicas.json");
    }

    Path adminFile() {
        return dir.resolve("admin");
    }

    Path adminTokenFile() {
        return dir.resolve("admin-token");
    }

    Optional<String> adminToken() {
        return read(adminTokenFile());
    }

    /** Writes the admin token where only this user can read it (mode 0600 from the start, then moved in place). */
    void writeAdminToken(String token) throws IOException {
        Files.createDirectories(dir);
        Path tmp = adminTokenFile().resolveSibling("admin-token.tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system: its own access rules apply
        }
        Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, adminTokenFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path pidFile() {
        return dir.resolve("shoal.pid");
    }

    Path logFile() {
        return dir.resolve("shoal.log");
    }

    /**
     * Takes this directory for the running Shoal until the returned lock is closed (or the process
     * ends, however it ends); empty when another Shoal holds it.
     */
    Optional<AutoCloseable> lock() throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(() -> {
            lock.release();
            channel.close();
        });
    }

    /** Tells the other commands where this Shoal's admin endpoint is. */
    void publish(InetSocketAddress admin) throws IOException {
        write(pidFile(), Long.toString(ProcessHandle.current().pid()));
        write(adminFile(), Launcher.format(admin));
    }

    /** Removes what {@link #publish} wrote, if this process wrote it. */
    void unpublish() {
        if (pid().orElse(-1L) == ProcessHandle.current().pid()) {
            forget();
        }
    }

    /** Removes the admin address and pid left by a Shoal that is gone. */
    void forget() {
        try {
            Files.deleteIfExists(adminFile());
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            System.err.println("shoal: cannot remove " + adminFile() + ": " + e.getMessage());
        }
    }

    Optional<String> adminAddress() {
        return read(adminFile());
    }

    Optional<Long> pid() {
        try {
            return read(pidFile()).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String line) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, line + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
