package io.shoal.replicas;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines printed, for {@code shoal logs}: one replica's, or a whole service's (each line with its
 * replica, so that a follower misses neither the last lines of a replica that is gone nor the first of
 * one that started since it last asked). Written by the replicas' reader threads.
 */
public final class LogBuffer<T> {
    private final int capacity;
    private final ArrayDeque<T> lines = new ArrayDeque<>();
    private long total;

    LogBuffer(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(T line) {
        if (lines.size() == capacity) {
            lines.pollFirst();
        }
        lines.addLast(line);
        total++;
    }

    /** Lines after the {@code since}-th ever written (0 for all kept), and the new position to follow from. */
    synchronized Page<T> since(long since) {
        long first = total - lines.size();
        List<T> out = new ArrayList<>();
        long position = first;
        for (T line : lines) {
            if (position++ >= since) {
                out.add(line);
            }
        }
        return new Page<>(out, total);
    }

    /** A slice of the log and where the next one starts. */
    public record Page<T>(List<T> lines, long next) {}

    /** A line of a service's log: which replica printed it, and what. */
    public record Line(String replica, String text) {}
}
