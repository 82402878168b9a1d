package io.shoal.replicas;

import io.shoal.config.RunConfig;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A blue-green deployment: the whole new set (green) starts beside the old (blue); once every green
 * replica is ready, traffic switches at once (blue goes DRAINING, so it finishes what it has and takes
 * nothing new). Blue keeps running for {@code keep}, so {@link #switchBack()} is instant; then it is
 * stopped. Runs on the replica manager's thread.
 */
final class BlueGreen {
    private final ReplicaSet set;
    private final RunConfig next;
    private final Duration keep;
    private final List<Replica> blue;
    private final List<Replica> green = new ArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService loop;
    private ScheduledFuture<?> retireBlue;
    private boolean switched;

    BlueGreen(ReplicaSet set, RunConfig next, Duration keep, java.util.concurrent.ScheduledExecutorService loop) {
        this.set = set;
        this.next = next;
        this.keep = keep;
        this.loop = loop;
        this.blue = new ArrayList<>(set.replicas().stream().filter(Replica::counts).toList());
    }

    CompletableFuture<String> start() {
        for (int i = 0; i < set.desired(); i++) {
            Replica replica = set.launch(set.newReplica(ReplicaSet.spec(next)));
            green.add(replica);
            // Held out of rotation until the whole set is ready; health checks still run on it.
            Server server = set.serverOf(replica);
            if (server != null) {
                server.setState(ServerState.MAINT, "blue-green: waiting for the whole new set");
            }
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + next.readyTimeout().toNanos();
        ScheduledFuture<?>[] poll = new ScheduledFuture<?>[1];
        poll[0] = loop.scheduleWithFixedDelay(() -> {
            if (green.stream().allMatch(this::passing)) {
                poll[0].cancel(false);
                result.complete(switchOver());
            } else if (System.nanoTime() - deadline > 0) {
                poll[0].cancel(false);
                green.forEach(set::retire);
                result.complete("blue-green of " + set.service() + " rolled back: the new set was not ready within "
                        + next.readyTimeout().toSeconds() + "s; the previous version keeps serving");
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        return result;
    }

    private boolean passing(Replica replica) {
        Server server = set.serverOf(replica);
        return server != null && server.checks().last() != null && server.checks().last().passed();
    }

    private String switchOver() {
        switchTo(green, blue);
        switched = true;
        set.replaceRun(next.withReplicas(set.desired()));
        retireBlue = loop.schedule(() -> blue.forEach(set::retire), keep.toMillis(), TimeUnit.MILLISECONDS);
        return "switched " + set.service() + " to the new set; the previous one is kept for "
                + keep.toSeconds() + "s (switch back with 'shoal rollout " + set.service() + " --switch-back')";
    }

    /** Puts the previous set back in front, instantly, while it is still kept. */
    String switchBack() {
        if (!switched || retireBlue == null || !retireBlue.cancel(false)) {
            return "nothing to switch back to for " + set.service();
        }
        switchTo(blue, green);
        green.forEach(set::retire);
        return "switched " + set.service() + " back to the previous set";
    }

    private void switchTo(List<Replica> to, List<Replica> from) {
        for (Replica replica : to) {
            Server server = set.serverOf(replica);
            if (server != null) {
                server.setState(ServerState.UP, "blue-green: serving");
            }
            replica.phase = Replica.Phase.READY;
        }
        for (Replica replica : from) {
            Server server = set.serverOf(replica);
            if (server != null) {
                server.setState(ServerState.DRAINING, "blue-green: kept for switch back");
            }
            replica.phase = Replica.Phase.STANDBY;
        }
    }
}
