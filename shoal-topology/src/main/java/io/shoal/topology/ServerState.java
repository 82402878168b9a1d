package io.shoal.topology;

/**
 * Where a server stands. Only UP servers take new requests.
 * DOWN is decided by health checks; DRAINING and MAINT by an operator or the replica manager.
 */
public enum ServerState {
    /** Takes traffic. */
    UP,
    /** Failed its health checks (or has not passed them yet). */
    DOWN,
    /** Takes no new requests; those in flight finish. The step before removal or maintenance. */
    DRAINING,
    /** Out of rotation on purpose (HAProxy's MAINT); health checks do not bring it back. */
    MAINT
}
