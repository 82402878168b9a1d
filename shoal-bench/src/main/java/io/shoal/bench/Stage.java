package io.shoal.bench;

import io.shoal.config.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a k6-style ramp: over {@code duration} the load moves linearly from the previous target (or the
 * starting value) to {@code target}. The target is a request rate in the open model, a connection count otherwise.
 */
public record Stage(Duration duration, double target) {
    public Stage {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a stage needs a positive duration");
        }
        if (!(target >= 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("a stage target must be a number >= 0, not " + target);
        }
    }

    /** Parses {@code 30s:100,1m:500,30s:0}. */
    public static List<Stage> parseList(String text) {
        List<Stage> stages = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] pair = part.trim().split(":");
            if (pair.length != 2) {
                throw new IllegalArgumentException("a stage is DURATION:TARGET, e.g. 30s:100; got '" + part.trim() + "'");
            }
            try {
                stages.add(new Stage(Values.duration(pair[0]), Double.parseDouble(pair[1].trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a stage target: '" + pair[1].trim() + "'");
            }
        }
        return List.copyOf(stages);
    }

    @Override
    public String toString() {
        return Values.formatDuration(duration) + ":" + (target == Math.rint(target) ? Long.toString((long) target) : Double.toString(target));
    }
}
