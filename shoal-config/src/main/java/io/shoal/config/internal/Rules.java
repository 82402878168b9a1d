package io.shoal.config.internal;

import io.shoal.config.HostPort;
import io.shoal.config.Values;
import java.time.Duration;

/** The range checks validation repeats, with one wording for each. */
final class Rules {
    private Rules() {}

    static void between(ProblemSink sink, String path, int value, int min, int max) {
        if (value < min || value > max) {
            sink.add(path, "must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void port(ProblemSink sink, String path, HostPort address, int min) {
        if (address.port() < min || address.port() > 65535) {
            sink.add(path, "port must be between " + min + " and 65535, got " + address.port());
        }
    }

    static void atLeast(ProblemSink sink, String path, int value, int min) {
        if (value < min) {
            sink.add(path, "must be at least " + min + ", got " + value);
        }
    }

    static void positive(ProblemSink sink, String path, Duration value) {
        if (value.isZero() || value.isNegative()) {
            sink.add(path, "must be positive, got " + Values.formatDuration(value));
        }
    }
}
