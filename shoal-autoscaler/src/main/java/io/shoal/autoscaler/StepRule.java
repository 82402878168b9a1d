package io.shoal.autoscaler;

import java.time.Duration;

/**
 * A threshold rule in the style of the seeds' scripts and AWS step scaling: "CPU above 70 for 5 minutes:
 * one more replica". It fires when its condition has held for {@code holdFor}, then waits for the
 * condition to hold that long again. Not thread-safe: one per autoscaled service.
 *
 * @param above true for "greater than", false for "less than"
 * @param change replicas to add (positive) or remove (negative) when it fires
 */
public record StepRule(Metric metric, boolean above, double threshold, Duration holdFor, int change) {

    /** The rule plus the moment since which its condition holds. */
    static final class State {
        final StepRule rule;
        private long holdingSince = -1;

        State(StepRule rule) {
            this.rule = rule;
        }

        /** The replica count the rule asks for now, or -1 when it does not fire. */
        int evaluate(long nowMillis, int current, double value) {
            boolean holds = !Double.isNaN(value) && (rule.above ? value > rule.threshold : value < rule.threshold);
            if (!holds) {
                holdingSince = -1;
                return -1;
            }
            if (holdingSince < 0) {
                holdingSince = nowMillis;
            }
            if (nowMillis - holdingSince < rule.holdFor.toMillis()) {
                return -1;
            }
            holdingSince = nowMillis;
            return current + rule.change;
        }
    }
}
