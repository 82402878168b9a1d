package io.shoal.proxy.upstream;

import io.shoal.balancer.PickContext;
import io.shoal.balancer.Target;
import io.shoal.config.PanicConfig;
import io.shoal.topology.PanicTarget;
import io.shoal.topology.Server;
import io.shoal.topology.Service;
import java.util.Arrays;

/**
 * Chooses the server for each attempt of one request and remembers the servers tried, so that a retry
 * goes elsewhere: the sticky cookie's server, else the balancer's pick, else, when passive failures or
 * ejections left no server available although some are UP, one of those anyway
 * ({@link Service#pickPastFailures}); when every server is full, a place in the queue; when none is UP,
 * what the service's panic mode says. Event-loop confined; one per request, and as the balancers'
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
    private Server chosen;
    /** The server the sticky cookie named, once the request went elsewhere; null until then. */
    private Server redispatchedFrom;

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

    /**
     * Chooses the next server: the sticky or balanced pick, else a queue place while servers are full
     * (first attempt only), else, when no server is UP and the panic mode is {@code spread}, any server.
     */
    Choice choose(QueueWait queue) {
        chosen = pick();
        if (chosen != null) {
            tried(chosen);
            countRedispatch();
            return Choice.SERVER;
        }
        if (tries == 0 && queue.offer(service)) {
            return Choice.QUEUED;
        }
        if (!service.noneUp()) {
            return Choice.NONE;
        }
        if (service.config().health().panic().mode() == PanicConfig.Mode.SPREAD
                && (chosen = service.panicPick(this)) != null) {
            tried(chosen);
            return Choice.PANIC_SERVER;
        }
        return Choice.NONE_UP;
    }

    /**
     * Counts, once per request, that its sticky cookie named a server of the service and the request goes
     * to another (HAProxy's redispatch: persistence broken because that server was unavailable or failed).
     */
    private void countRedispatch() {
        if (stickyId == null || redispatchedFrom != null) {
            return;
        }
        Server sticky = service.serverForStickyId(stickyId);
        if (sticky != null && sticky != chosen) {
            redispatchedFrom = sticky;
            sticky.traffic().recordRedispatch();
        }
    }

    /** What {@link #choose} found. */
    enum Choice {
        /** A server that may take the request: {@link #chosen()}. */
        SERVER,
        /** No server is UP; panic mode {@code spread} chose one anyway: {@link #chosen()}. */
        PANIC_SERVER,
        /** Every server it may go to is full: the request waits in the service's queue. */
        QUEUED,
        /** Some server is UP, but none may take the request (all tried, or full with the queue full). */
        NONE,
        /** No server is UP and panic mode is {@code fail}: 503 with the panic's Retry-After. */
        NONE_UP
    }

    /** The server of the last {@link Choice#SERVER} or {@link Choice#PANIC_SERVER}. */
    Server chosen() {
        return chosen;
    }

    /** A server not tried yet that may take the request, or null when none may (all full, tried or not UP). */
    private Server pick() {
        nowNanos = System.nanoTime();
        Server next = StickySessions.serverFor(service, stickyId, this);
        if (next == null) {
            next = service.balancer().pick(this);
        }
        return next != null ? next : service.pickPastFailures(this);
    }

    /** The attempts made so far. */
    int tries() {
        return tries;
    }

    private void tried(Server server) {
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

    /** Takes back the last choice: the server left rotation before the request was sent to it. */
    void untried() {
        tries--;
    }
}
