package io.shoal.topology;

/**
 * A server's state, why it is in it, and since when. Immutable: replaced as a whole on each change.
 *
 * @param sinceEpochMillis wall-clock time of the change, for display
 * @param sinceNanos the topology's {@link Ticker} at the change, for slow start
 */
public record ServerStatus(ServerState state, String reason, long sinceEpochMillis, long sinceNanos) {

    static ServerStatus of(ServerState state, String reason, long nowNanos) {
        return new ServerStatus(state, reason, System.currentTimeMillis(), nowNanos);
    }

    ServerStatus withReason(String next) {
        return new ServerStatus(state, next, sinceEpochMillis, sinceNanos);
    }
}
