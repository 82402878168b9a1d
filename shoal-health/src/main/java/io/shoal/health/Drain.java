package io.shoal.health;

import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Graceful draining, the primitive behind scale-in and rolling updates: the server gets no new
 * requests, those in flight finish, and its keep-alive connections close (idle ones at once, busy
 * ones after their response; the proxy does that when it sees DRAINING). The drain completes when
 * nothing is in flight, or when the drain timeout passes. A request that picked the server in the
 * instant before it became DRAINING is either counted in flight here or sent elsewhere by the proxy,
 * which checks the state again after counting (see the proxy's {@code Exchange}).
 */
public final class Drain {
    private static final long POLL_MILLIS = 20;

    /** How a drain ended. */
    public enum Outcome { DRAINED, TIMED_OUT }

    private Drain() {}

    public static CompletableFuture<Outcome> start(Server server, Duration timeout, ScheduledExecutorService scheduler) {
        server.setState(ServerState.DRAINING, "draining");
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        ScheduledFuture<?> poll = scheduler.scheduleWithFixedDelay(() -> {
            if (server.inFlight() == 0) {
                done.complete(Outcome.DRAINED);
            } else if (System.nanoTime() - deadline >= 0) {
                done.complete(Outcome.TIMED_OUT);
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        done.whenComplete((outcome, error) -> poll.cancel(false));
        return done;
    }
}
