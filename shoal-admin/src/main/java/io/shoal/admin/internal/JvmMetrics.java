package io.shoal.admin.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;

/**
 * JVM figures for {@code /metrics}, named as Prometheus's Java client names them, so that the usual JVM
 * dashboards work: memory, threads, garbage collection. The process's own are {@link ProcessMetrics}.
 */
final class JvmMetrics {
    private JvmMetrics() {}

    static void write(PrometheusWriter w) {
        var memory = ManagementFactory.getMemoryMXBean();
        memory(w, "jvm_memory_used_bytes", "Used bytes of a memory area.", memory.getHeapMemoryUsage().getUsed(),
                memory.getNonHeapMemoryUsage().getUsed());
        memory(w, "jvm_memory_committed_bytes", "Committed bytes of a memory area.",
                memory.getHeapMemoryUsage().getCommitted(), memory.getNonHeapMemoryUsage().getCommitted());
        memory(w, "jvm_memory_max_bytes", "Max bytes of a memory area (-1 when undefined).",
                max(memory.getHeapMemoryUsage()), max(memory.getNonHeapMemoryUsage()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        w.family("jvm_threads_current", "gauge", "Current thread count of the JVM.");
        w.sample("jvm_threads_current", threads.getThreadCount());
        w.family("jvm_threads_daemon", "gauge", "Daemon thread count of the JVM.");
        w.sample("jvm_threads_daemon", threads.getDaemonThreadCount());
        w.family("jvm_gc_collection_seconds", "summary", "Time spent in a garbage collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            w.sample("jvm_gc_collection_seconds_count", Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
            w.sample("jvm_gc_collection_seconds_sum", Math.max(0, gc.getCollectionTime()) / 1000.0, "gc", gc.getName());
        }
    }

    private static void memory(PrometheusWriter w, String name, String help, long heap, long nonHeap) {
        w.family(name, "gauge", help);
        w.sample(name, heap, "area", "heap");
        w.sample(name, nonHeap, "area", "nonheap");
    }

    private static long max(MemoryUsage usage) {
        return usage.getMax();
    }
}
