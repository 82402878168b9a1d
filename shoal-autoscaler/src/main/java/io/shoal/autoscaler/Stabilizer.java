package io.shoal.autoscaler;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Stabilization windows ({@code behavior.*.stabilizationWindowSeconds}): the result may rise only to
 * the lowest recommendation within the scale-up window, and fall only to the highest within the
 * scale-down window. Not thread-safe: one per autoscaled service, fed in time order.
 */
final class Stabilizer {
    private record Entry(long atMillis, int replicas) {}

    private final ArrayDeque<Entry> history = new ArrayDeque<>();
    private final long upWindowMillis;
    private final long downWindowMillis;

    Stabilizer(long upWindowMillis, long downWindowMillis) {
        this.upWindowMillis = upWindowMillis;
        this.downWindowMillis = downWindowMillis;
    }

    int stabilize(long nowMillis, int current, int recommendation) {
        history.addLast(new Entry(nowMillis, recommendation));
        long keep = Math.max(upWindowMillis, downWindowMillis);
        while (nowMillis - history.peekFirst().atMillis() > keep) {
            history.pollFirst();
        }
        int up = recommendation;
        int down = recommendation;
        for (Iterator<Entry> it = history.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            long age = nowMillis - entry.atMillis();
            if (age <= upWindowMillis) {
                up = Math.min(up, entry.replicas());
            }
            if (age <= downWindowMillis) {
                down = Math.max(down, entry.replicas());
            }
        }
        int result = current;
        if (result < up) {
            result = up;
        }
        if (result > down) {
            result = down;
        }
        return result;
    }
}
