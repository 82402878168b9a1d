package io.shoal.health;

import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.Ticker;
import io.shoal.topology.Topology;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * Graceful draining, the primitive behind scale-in and rolling updates: the server gets no new
 * requests, those in flight finish, and its keep-alive connections close (idle ones at once, busy
 * ones after their response; the proxy does that when it sees DRAINING). The drain completes when
 * nothing is in flight, or when the drain timeout passes on the topology's ticker. A request that
 * picked the server in the instant before it became DRAINING is either counted in flight here or sent
 * elsewhere by the proxy, which checks the state again after counting (see the proxy's {@code Exchange}).
 * Threading: watched on the topology's control thread, where the returned future completes.
 */
public final class Drain {
    private static final Duration POLL = Duration.ofMillis(20);

    /** How a drain ended. */
    public enum Outcome { DRAINED, TIMED_OUT }

    private Drain() {}

    public static CompletableFuture<Outcome> start(Server server, Duration timeout, Topology topology) {
        server.setState(ServerState.DRAINING, "draining");
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Ticker ticker = topology.ticker();
        long deadline = ticker.nanoTime() + timeout.toNanos();
        Runnable look = () -> {
            if (server.inFlight() == 0) {
                done.complete(Outcome.DRAINED);
            } else if (ticker.nanoTime() - deadline >= 0) {
                done.complete(Outcome.TIMED_OUT);
            }
        };
        topology.control().execute(look);
        ScheduledFuture<?> poll = topology.control().every(POLL, look);
        done.whenComplete((outcome, error) -> poll.cancel(false));
        return done;
    }
}
