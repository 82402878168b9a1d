package io.shoal.admin.internal;

import com.sun.management.OperatingSystemMXBean;
import io.shoal.replicas.ProcessMemory;
import java.lang.management.ManagementFactory;

/**
 * Shoal's own CPU time and memory, read one way for every reader: {@code /metrics} ({@link ProcessMetrics})
 * and the dashboard ({@link ShoalProcessFigures}). Memory as {@link ProcessMemory} reads any process's (a
 * replica's too), so on Linux only; CPU time from the JVM.
 */
final class OwnProcess {
    private OwnProcess() {}

    /** User and system CPU time of the process, nanoseconds; -1 where the JVM does not tell it. */
    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Resident and virtual memory; -1 each where {@code /proc} is missing. */
    static ProcessMemory memory() {
        return ProcessMemory.self();
    }
}
