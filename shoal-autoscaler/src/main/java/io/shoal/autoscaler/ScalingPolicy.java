package io.shoal.autoscaler;

import java.time.Duration;

/**
 * A limit on how fast replicas change, as in {@code autoscaling/v2} {@code behavior.scaleUp.policies}:
 * at most {@code value} pods, or {@code value} percent, per {@code period}.
 */
public record ScalingPolicy(Type type, int value, Duration period) {

    public enum Type { PODS, PERCENT }

    public static ScalingPolicy pods(int value, Duration period) {
        return new ScalingPolicy(Type.PODS, value, period);
    }

    public static ScalingPolicy percent(int value, Duration period) {
        return new ScalingPolicy(Type.PERCENT, value, period);
    }
}
