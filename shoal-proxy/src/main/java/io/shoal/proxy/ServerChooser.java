package io.shoal.proxy;

import io.shoal.balancer.PickContext;
import io.shoal.balancer.Target;
import io.shoal.topology.PanicTarget;
import io.shoal.topology.Server;
import io.shoal.topology.Service;
import java.util.Arrays;

/**
 * Chooses the server for each attempt of one request and remembers the servers tried, so that a retry
 * goes elsewhere: the sticky cookie's server, else the balancer's pick, else, when passive failures or
 * ejections left no server available although some are UP, one of those anyway
 * ({@link Service#pickPastFailures}). Event-loop confined; one per request, and as the balancers'
 * {@link PickContext} it allocates nothing for a request that needs one attempt.
 */
final class ServerChooser implements PickContext {
    private final Service service;
    private final String stickyId;
    private final long keyHash;
    private long nowNanos;
    /** The servers tried so far: most requests need one, so an array is made only for a retry. */
    private Server firstTried;
    private Server[] retried;
    private int tries;

    ServerChooser(Service service, String stickyId, long keyHash) {
        this.service = service;
        this.stickyId = stickyId;
        this.keyHash = keyHash;
    }

    @Override
    public long keyHash() {
        return keyHash;
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    @Override
    public boolean isExcluded(Target target) {
        Target server = target instanceof PanicTarget ? ((PanicTarget) target).server() : target;
        if (tries > 0 && firstTried == server) {
            return true;
        }
        for (int i = 1; i < tries; i++) {
            if (retried[i - 1] == server) {
                return true;
            }
        }
        return false;
    }

    /** A server not tried yet that may take the request, or null when none may (all full, tried or not UP). */
    Server pick() {
        nowNanos = System.nanoTime();
        Server next = StickySessions.serverFor(service, stickyId, this);
        if (next == null) {
            next = service.balancer().pick(this);
        }
        return next != null ? next : service.pickPastFailures(this);
    }

    /** Panic mode {@code spread}: any server not tried yet with room, whatever its health. */
    Server panicPick() {
        return service.panicPick(this);
    }

    /** The attempts made so far. */
    int tries() {
        return tries;
    }

    void tried(Server server) {
        if (tries == 0) {
            firstTried = server;
        } else {
            if (retried == null) {
                retried = new Server[2];
            } else if (tries > retried.length) {
                retried = Arrays.copyOf(retried, 2 * retried.length);
            }
            retried[tries - 1] = server;
        }
        tries++;
    }

    /** Takes back the last {@link #tried}: the server left rotation before the request was sent to it. */
    void untried() {
        tries--;
    }
}
