package io.shoal.bench.internal;

import io.shoal.bench.Stage;
import java.util.List;

/**
 * A value that moves linearly between stage targets, as k6's ramping executors do. For a request rate it also
 * answers when the k-th request is due: the time t where the integral of the rate from 0 to t reaches k, which is a
 * quadratic within a stage. The open model sends request k at that time and measures its latency from it.
 *
 * <p>Times are seconds from the start of the run as doubles; a constant ramp without stages lasts forever.
 */
final class Ramp {
    private final double[] from;
    private final double[] to;
    private final double[] startSeconds;
    private final double[] lengthSeconds;
    private final double[] eventsBefore;

    private Ramp(int stages) {
        from = new double[stages];
        to = new double[stages];
        startSeconds = new double[stages];
        lengthSeconds = new double[stages];
        eventsBefore = new double[stages];
    }

    /** Starts at {@code start} and follows the stages; after the last one the value stays at its target. */
    static Ramp of(double start, List<Stage> stages) {
        if (stages.isEmpty()) {
            return constant(start);
        }
        Ramp ramp = new Ramp(stages.size());
        double value = start;
        double time = 0;
        double events = 0;
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            ramp.from[i] = value;
            ramp.to[i] = stage.target();
            ramp.startSeconds[i] = time;
            ramp.lengthSeconds[i] = stage.duration().toNanos() / 1e9;
            ramp.eventsBefore[i] = events;
            events += (value + stage.target()) / 2 * ramp.lengthSeconds[i];
            time += ramp.lengthSeconds[i];
            value = stage.target();
        }
        return ramp;
    }

    /** The same value forever. */
    static Ramp constant(double value) {
        Ramp ramp = new Ramp(1);
        ramp.from[0] = value;
        ramp.to[0] = value;
        ramp.lengthSeconds[0] = Double.POSITIVE_INFINITY;
        return ramp;
    }

    /** The value {@code seconds} after the start. */
    double valueAt(double seconds) {
        int i = stageAt(seconds);
        if (i < 0) {
            return to[to.length - 1];
        }
        double length = lengthSeconds[i];
        return Double.isInfinite(length) ? from[i] : from[i] + (to[i] - from[i]) * (seconds - startSeconds[i]) / length;
    }

    /** When event {@code k} (from 0) is due, in seconds from the start; infinity when the ramp ends before it. */
    double timeOfEvent(long k) {
        for (int i = 0; i < from.length; i++) {
            double x = k - eventsBefore[i];
            double length = lengthSeconds[i];
            double inStage = Double.isInfinite(length) ? Double.POSITIVE_INFINITY : (from[i] + to[i]) / 2 * length;
            if (x < inStage) {
                // Solve from*t + (to-from)/(2*length)*t^2 = x in the form that stays exact when to == from.
                double a = Double.isInfinite(length) ? 0 : (to[i] - from[i]) / (2 * length);
                double b = from[i];
                double root = b + Math.sqrt(Math.max(0, b * b + 4 * a * x));
                return startSeconds[i] + (root == 0 ? 0 : 2 * x / root);
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** How many events are due strictly before {@code seconds}. */
    long eventsBefore(double seconds) {
        int i = stageAt(seconds);
        if (i < 0) {
            int last = from.length - 1;
            return (long) Math.ceil(eventsBefore[last] + (from[last] + to[last]) / 2 * lengthSeconds[last] - 1e-9);
        }
        double t = seconds - startSeconds[i];
        double events = eventsBefore[i] + from[i] * t
                + (Double.isInfinite(lengthSeconds[i]) ? 0 : (to[i] - from[i]) / (2 * lengthSeconds[i]) * t * t);
        return (long) Math.ceil(events - 1e-9);
    }

    /** The end of the last stage in seconds; infinity for a constant ramp. */
    double lengthSeconds() {
        int last = from.length - 1;
        return startSeconds[last] + lengthSeconds[last];
    }

    private int stageAt(double seconds) {
        for (int i = 0; i < from.length; i++) {
            if (seconds < startSeconds[i] + lengthSeconds[i]) {
                return i;
            }
        }
        return -1;
    }
}
