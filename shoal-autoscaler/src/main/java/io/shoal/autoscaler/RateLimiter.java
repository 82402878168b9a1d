package io.shoal.autoscaler;

import java.util.ArrayDeque;

/**
 * Scaling policies ({@code behavior.*.policies} with {@code selectPolicy}): how many replicas may be
 * added or removed, counted from the replica count at the start of each policy's period. Not
 * thread-safe: one per autoscaled service, fed in time order.
 */
final class RateLimiter {
    private record Change(long atMillis, int delta) {}

    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    private final DirectionBehavior up;
    private final DirectionBehavior down;

    RateLimiter(DirectionBehavior up, DirectionBehavior down) {
        this.up = up;
        this.down = down;
    }

    /** The nearest count to {@code desired} that the policies allow. */
    int limit(long nowMillis, int current, int desired) {
        if (desired > current) {
            if (up.select() == DirectionBehavior.Select.DISABLED) {
                return current;
            }
            int allowed = bound(nowMillis, current, up, true);
            return Math.min(desired, Math.max(allowed, current));
        }
        if (desired < current) {
            if (down.select() == DirectionBehavior.Select.DISABLED) {
                return current;
            }
            int allowed = bound(nowMillis, current, down, false);
            return Math.max(desired, Math.min(allowed, current));
        }
        return desired;
    }

    private int bound(long nowMillis, int current, DirectionBehavior behavior, boolean scalingUp) {
        boolean most = behavior.select() == DirectionBehavior.Select.MAX;
        int result = scalingUp == most ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy policy : behavior.policies()) {
            int changed = changedWithin(nowMillis, policy.period().toMillis(), scalingUp);
            int start = scalingUp ? current - changed : current + changed;
            int proposed;
            if (policy.type() == ScalingPolicy.Type.PODS) {
                proposed = scalingUp ? start + policy.value() : start - policy.value();
            } else {
                double factor = scalingUp ? 1 + policy.value() / 100.0 : 1 - policy.value() / 100.0;
                proposed = (int) Math.ceil(start * factor);
            }
            result = scalingUp == most ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    private int changedWithin(long nowMillis, long periodMillis, boolean added) {
        int sum = 0;
        for (Change change : changes) {
            if (nowMillis - change.atMillis() <= periodMillis && (change.delta() > 0) == added) {
                sum += Math.abs(change.delta());
            }
        }
        return sum;
    }

    void record(long nowMillis, int delta, long keepMillis) {
        if (delta != 0) {
            changes.addLast(new Change(nowMillis, delta));
        }
        while (!changes.isEmpty() && nowMillis - changes.peekFirst().atMillis() > keepMillis) {
            changes.pollFirst();
        }
    }
}
