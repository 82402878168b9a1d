package io.shoal.autoscaler;

import java.time.Duration;
import java.util.List;

/**
 * How one direction of scaling behaves ({@code behavior.scaleUp} or {@code behavior.scaleDown}).
 *
 * @param stabilizationWindow recommendations of this long ago still count: scale-up takes the lowest
 *     of them, scale-down the highest, so a brief dip or spike does not move the replica count
 * @param select which policy wins when several apply: the one allowing the most change (MAX), the
 *     least (MIN), or no scaling in this direction at all (DISABLED)
 */
public record DirectionBehavior(Duration stabilizationWindow, List<ScalingPolicy> policies, Select select) {

    public enum Select { MAX, MIN, DISABLED }

    public DirectionBehavior {
        policies = List.copyOf(policies);
    }

    /** Kubernetes' default for scale-up: at once, +100 % or +4 pods per 15 s, whichever is more. */
    public static DirectionBehavior defaultScaleUp() {
        return new DirectionBehavior(Duration.ZERO, List.of(ScalingPolicy.percent(100, Duration.ofSeconds(15)),
                ScalingPolicy.pods(4, Duration.ofSeconds(15))), Select.MAX);
    }

    /** Kubernetes' default for scale-down: the highest recommendation of the last 300 s, -100 % per 15 s. */
    public static DirectionBehavior defaultScaleDown() {
        return new DirectionBehavior(Duration.ofSeconds(300),
                List.of(ScalingPolicy.percent(100, Duration.ofSeconds(15))), Select.MAX);
    }
}
