package io.shoal.replicas;

import io.shoal.config.Counts;
import io.shoal.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A rolling update, one replica at a time (Kubernetes' maxSurge 1, maxUnavailable 0): start a replica
 * of the new version, wait until it is ready, drain and stop one of the old version, repeat. If a new
 * replica fails to become ready, the ones already started are retired, the old version keeps running,
 * and the rollout says so. Runs on the replica manager's thread.
 */
final class Rollout {
    private final ReplicaSet set;
    private final RunConfig next;
    private final List<Replica> old;
    private final List<Replica> started = new ArrayList<>();
    private final CompletableFuture<String> result = new CompletableFuture<>();

    Rollout(ReplicaSet set, RunConfig next) {
        this.set = set;
        this.next = next;
        this.old = new ArrayList<>(set.replicas().stream().filter(Replica::counts).toList());
    }

    CompletableFuture<String> start() {
        step(0);
        return result;
    }

    private void step(int i) {
        if (i == old.size()) {
            set.replaceRun(next.withReplicas(set.desired()));
            result.complete("rolled out " + Counts.of(old.size(), "replica") + " of " + set.service());
            return;
        }
        Replica fresh = set.launch(set.newReplica(ReplicaSet.spec(next)));
        started.add(fresh);
        fresh.ready.whenComplete((ok, failure) -> {
            if (failure != null) {
                rollBack(fresh, failure);
            } else {
                set.retire(old.get(i)).thenRun(() -> step(i + 1));
            }
        });
    }

    private void rollBack(Replica failed, Throwable why) {
        String reason = failed.id + " " + failed.lastMessage; // before retiring overwrites it
        List<CompletableFuture<Void>> retired = new ArrayList<>();
        for (Replica replica : started) {
            retired.add(set.retire(replica));
        }
        CompletableFuture.allOf(retired.toArray(new CompletableFuture<?>[0])).whenComplete((ok, e) ->
                result.complete("rollout of " + set.service() + " rolled back: " + reason
                        + "; the previous version keeps running"));
    }
}
