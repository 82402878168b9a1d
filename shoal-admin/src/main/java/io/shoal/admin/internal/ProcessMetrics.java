package io.shoal.admin.internal;

import com.sun.management.UnixOperatingSystemMXBean;
import io.shoal.replicas.ProcessMemory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Properties;

/**
 * The process's figures for {@code /metrics}, named as every Prometheus client library names them
 * ({@code process_*}), and {@code shoal_build_info}. File descriptors are read where the JVM knows them
 * (Linux, macOS and other Unixes); CPU and memory as {@link OwnProcess} reads them, memory on Linux only:
 * elsewhere those families are left out rather than reported as 0.
 */
final class ProcessMetrics {
    private static final Build BUILD = Build.read();

    /** Which Shoal this is, as the build wrote it into {@code build.properties}. */
    private record Build(String version, String commit) {
        /** "unknown" for what the build could not tell (the commit, outside a git checkout). */
        static Build read() {
            Properties properties = new Properties();
            try (InputStream in = ProcessMetrics.class.getResourceAsStream("/io/shoal/admin/build.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // an unreadable resource tells as much as a missing one
            }
            return new Build(properties.getProperty("version", "unknown").trim(),
                    properties.getProperty("commit", "unknown").trim());
        }
    }

    private ProcessMetrics() {}

    static void write(PrometheusWriter w) {
        w.family("shoal_build_info", "gauge", "Always 1; the labels say which Shoal this is: version and git commit.");
        w.sample("shoal_build_info", 1, "version", BUILD.version(), "commit", BUILD.commit());
        w.family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch, seconds.");
        w.sample("process_start_time_seconds", ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
        long cpuNanos = OwnProcess.cpuNanos();
        if (cpuNanos >= 0) {
            w.family("process_cpu_seconds_total", "counter", "User and system CPU time of the process, seconds.");
            w.sample("process_cpu_seconds_total", cpuNanos / 1e9);
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            w.family("process_open_fds", "gauge", "Open file descriptors of the process.");
            w.sample("process_open_fds", unix.getOpenFileDescriptorCount());
            w.family("process_max_fds", "gauge", "The most file descriptors the process may open.");
            w.sample("process_max_fds", unix.getMaxFileDescriptorCount());
        }
        memory(w);
    }

    private static void memory(PrometheusWriter w) {
        ProcessMemory memory = OwnProcess.memory();
        if (memory.residentBytes() >= 0) {
            w.family("process_resident_memory_bytes", "gauge", "Resident memory size of the process, bytes.");
            w.sample("process_resident_memory_bytes", memory.residentBytes());
        }
        if (memory.virtualBytes() >= 0) {
            w.family("process_virtual_memory_bytes", "gauge", "Virtual memory size of the process, bytes.");
            w.sample("process_virtual_memory_bytes", memory.virtualBytes());
        }
    }
}
