package io.shoal.replicas;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last lines a replica printed, for {@code shoal logs}. Written by the replica's reader thread. */
public final class LogBuffer {
    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long total;

    LogBuffer(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.pollFirst();
        }
        lines.addLast(line);
        total++;
    }

    /** Lines after the {@code since}-th ever written (0 for all kept), and the new position to follow from. */
    synchronized Page since(long since) {
        long first = total - lines.size();
        List<String> out = new ArrayList<>();
        long position = first;
        for (String line : lines) {
            if (position++ >= since) {
                out.add(line);
            }
        }
        return new Page(out, total);
    }

    /** A slice of the log and where the next one starts. */
    public record Page(List<String> lines, long next) {}
}
