package io.shoal.proxy.policy;

import java.net.InetAddress;

/** One step of a route's policies. Called on event loops, concurrently: no blocking, no locks. */
interface RequestPolicy {

    /** Null to let the request on; else why it stops here. */
    Refusal check(InetAddress client, long nowNanos);
}
