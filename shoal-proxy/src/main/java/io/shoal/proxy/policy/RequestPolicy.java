package io.shoal.proxy.policy;

/** One step of a route's policies. Called on event loops, concurrently: no blocking, no locks. */
interface RequestPolicy {

    /** Null to let the request on (perhaps edited); else why it stops here. */
    Answer apply(PolicyRequest request);
}
