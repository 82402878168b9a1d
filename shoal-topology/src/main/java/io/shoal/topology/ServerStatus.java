package io.shoal.topology;

/**
 * A server's state, why it is in it, and since when. Immutable: replaced as a whole on each change, so
 * the DOWN time it carries always agrees with its state.
 *
 * @param sinceEpochMillis wall-clock time of the change, for display
 * @param sinceNanos the topology's {@link Ticker} at the change, for slow start and durations
 * @param endedDownNanos time spent DOWN before this state began (HAProxy's downtime, without the current period)
 */
public record ServerStatus(ServerState state, String reason, long sinceEpochMillis, long sinceNanos,
                           long endedDownNanos) {

    /** The first state of a new server. */
    static ServerStatus of(ServerState state, String reason, long nowNanos) {
        return new ServerStatus(state, reason, System.currentTimeMillis(), nowNanos, 0);
    }

    /** The state that follows this one at {@code nowNanos}, adding this one's time to the downtime if it was DOWN. */
    ServerStatus next(ServerState next, String why, long nowNanos) {
        return new ServerStatus(next, why, System.currentTimeMillis(), nowNanos, downNanos(nowNanos));
    }

    ServerStatus withReason(String next) {
        return new ServerStatus(state, next, sinceEpochMillis, sinceNanos, endedDownNanos);
    }

    /** Time spent DOWN up to {@code nowNanos} (the topology's {@link Ticker}), the current period included. */
    public long downNanos(long nowNanos) {
        return endedDownNanos + (state == ServerState.DOWN ? nowNanos - sinceNanos : 0);
    }

    /** Seconds since this state began at {@code nowNanos} (the topology's {@link Ticker}): HAProxy's lastchg. */
    public double secondsSince(long nowNanos) {
        return (nowNanos - sinceNanos) / 1e9;
    }
}
