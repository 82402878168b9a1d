package io.shoal.replicas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's resident and virtual memory in bytes, as Linux's {@code /proc/PID/status} tells them: in kB
 * whatever the page size, so the same figure {@code top} and Prometheus's {@code process_resident_memory_bytes}
 * show. The one reader of a process's memory, for replicas and for Shoal itself; -1 for what is not known
 * (not Linux, or the process is gone).
 */
public record ProcessMemory(long residentBytes, long virtualBytes) {
    static final ProcessMemory UNKNOWN = new ProcessMemory(-1, -1);

    /** The memory of the process {@code pid}. */
    public static ProcessMemory of(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"));
    }

    /** The memory of the process that asks. */
    public static ProcessMemory self() {
        return read(Path.of("/proc/self/status"));
    }

    private static ProcessMemory read(Path status) {
        try {
            return parse(Files.readAllLines(status));
        } catch (IOException | UnsupportedOperationException e) {
            return UNKNOWN;
        }
    }

    /** The memory that the lines of a {@code /proc/PID/status} file tell. */
    static ProcessMemory parse(List<String> statusLines) {
        return new ProcessMemory(bytes(statusLines, "VmRSS:"), bytes(statusLines, "VmSize:"));
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
