package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proxy.stats.ConnectionStats;
import io.shoal.topology.TrafficSampler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayDeque;

/**
 * Shoal's own process, once per stream tick: CPU since the previous sample (percent of one core, as
 * {@code top}), resident memory (both as {@link OwnProcess} reads them), heap used and max, and the client connections as {@code /status} counts
 * them. Keeps the samples of the last {@link TrafficSampler#HISTORY_SECONDS} ticks, so that a dashboard
 * opened later draws them from the start.
 *
 * <p>Threading: used by the stream's one thread only.
 */
final class ShoalProcessFigures {
    private final ConnectionStats connections;
    private final ArrayDeque<ObjectNode> samples = new ArrayDeque<>();
    private long lastCpuNanos = -1;
    private long lastNanos;

    ShoalProcessFigures(ConnectionStats connections) {
        this.connections = connections;
    }

    /** Takes a sample at {@code nowEpochMillis} and keeps it. */
    void sample(long nowEpochMillis) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ObjectNode sample = Exchanges.JSON.createObjectNode().put("atEpochMillis", nowEpochMillis)
                .put("cpuPercent", ServiceJson.round(cpuPercent()))
                .put("rssBytes", OwnProcess.memory().residentBytes())
                .put("heapUsedBytes", heap.getUsed())
                .put("heapMaxBytes", heap.getMax());
        sample.putObject("connections").put("active", connections.active()).put("reading", connections.reading())
                .put("writing", connections.writing()).put("waiting", connections.waiting());
        samples.addLast(sample);
        while (samples.size() > TrafficSampler.HISTORY_SECONDS) {
            samples.removeFirst();
        }
    }

    /** The last {@code limit} samples, oldest first. */
    ArrayNode last(int limit) {
        ArrayNode list = Exchanges.JSON.createArrayNode();
        samples.stream().skip(Math.max(0, samples.size() - limit)).forEach(list::add);
        return list;
    }

    /** -1 until a second sample, or where the JVM does not tell its CPU time. */
    private double cpuPercent() {
        long cpuNanos = OwnProcess.cpuNanos();
        long now = System.nanoTime();
        double percent = lastCpuNanos < 0 || cpuNanos < 0 ? -1 : 100.0 * (cpuNanos - lastCpuNanos) / (now - lastNanos);
        lastCpuNanos = cpuNanos;
        lastNanos = now;
        return percent;
    }
}
