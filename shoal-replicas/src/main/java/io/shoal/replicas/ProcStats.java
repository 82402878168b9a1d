package io.shoal.replicas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and resident memory of a process from Linux's {@code /proc}, as {@code docker stats} and
 * {@code top} compute them: CPU is the change in user+system ticks between two samples, memory as
 * {@link ProcessMemory} reads it. Not thread-safe; one instance per process, sampled by one thread.
 */
final class ProcStats {
    /** USER_HZ, the unit of /proc/PID/stat times; 100 on every mainstream Linux build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;
    private long lastTicks = -1;
    private long lastNanos;

    ProcStats(long pid) {
        this.pid = pid;
    }

    ResourceSample sample(long atEpochMillis) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long now = System.nanoTime();
            double cpu = lastTicks < 0 ? 0 : (ticks - lastTicks) / TICKS_PER_SECOND * 1e9 / (now - lastNanos) * 100;
            lastTicks = ticks;
            lastNanos = now;
            return new ResourceSample(atEpochMillis, cpu, ProcessMemory.of(pid).residentBytes());
        } catch (IOException | RuntimeException e) {
            return null; // the process is gone, or this is not Linux
        }
    }
}
