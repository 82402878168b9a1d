package io.shoal.bench.internal;

import io.shoal.bench.Second;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The live line on a terminal: elapsed time, the last second's rate and p99, failures so far. It rewrites itself
 * with a carriage return and is erased by {@link #clear()} before the summary. Used only when there is a console,
 * so that logs and pipes get the summary alone.
 */
public final class ProgressLine implements Consumer<Second> {
    private final PrintWriter out;
    private long failures;
    private int width;

    public ProgressLine(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(Second s) {
        failures += s.failures();
        String line = String.format(Locale.ROOT, "%6.0fs  %,10.0f req/s  p99 %8.2f ms  %,d connections  failures %,d",
                s.atSeconds(), s.requestsPerSecond(), s.p99Millis(), s.connections(), failures);
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        out.flush();
        width = line.length();
    }

    /** Erases the line. */
    public void clear() {
        if (width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
        }
    }
}
