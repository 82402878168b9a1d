package io.shoal.admin.internal;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shoal's own CPU time and memory, read one way for every reader: {@code /metrics} ({@link ProcessMetrics})
 * and the dashboard ({@link ShoalProcessFigures}). Memory comes from {@code /proc/self/status}, whose sizes
 * are in kB whatever the page size, so on Linux only; CPU time from the JVM.
 */
final class OwnProcess {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    /** Resident and virtual memory in bytes; -1 for what the system does not tell. */
    record Memory(long residentBytes, long virtualBytes) {
        static final Memory UNKNOWN = new Memory(-1, -1);
    }

    private OwnProcess() {}

    /** User and system CPU time of the process, nanoseconds; -1 where the JVM does not tell it. */
    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static Memory memory() {
        try {
            return memory(Files.readAllLines(PROC_STATUS));
        } catch (IOException | UnsupportedOperationException e) {
            return Memory.UNKNOWN; // not Linux: no /proc
        }
    }

    /** The memory that the lines of a {@code /proc/PID/status} file tell. */
    static Memory memory(List<String> statusLines) {
        return new Memory(bytes(statusLines, "VmRSS:"), bytes(statusLines, "VmSize:"));
    }

    /** The value of a line such as {@code VmRSS:   123456 kB}, in bytes; -1 without such a line. */
    private static long bytes(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]) * 1024;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
