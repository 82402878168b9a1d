package io.shoal.cli;

import io.shoal.replicas.ReplicaDriver;
import java.io.PrintStream;

/**
 * Replica output as compose prints it: {@code web-2  | listening on 127.0.0.1:41235}, ids padded to
 * the widest seen so far so that the bars line up. Called from each replica's reader thread.
 */
final class ReplicaConsole implements ReplicaDriver.LineSink {
    private final PrintStream out;
    private int width;

    ReplicaConsole(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void line(String replicaId, String line) {
        width = Math.max(width, replicaId.length());
        out.println(prefix(replicaId, width) + line);
        out.flush();
    }

    /** {@code web-2 | } with the id padded to {@code width}. */
    static String prefix(String replicaId, int width) {
        StringBuilder b = new StringBuilder(width + 3).append(replicaId);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.append(" | ").toString();
    }
}
