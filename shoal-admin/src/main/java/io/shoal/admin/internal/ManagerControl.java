package io.shoal.admin.internal;

import io.shoal.admin.ReplicaControl;
import io.shoal.replicas.LogBuffer;
import io.shoal.replicas.ReplicaManager;
import io.shoal.replicas.ReplicaView;
import io.shoal.replicas.ResourceSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link ReplicaControl} over the real {@link ReplicaManager}. */
public final class ManagerControl implements ReplicaControl {
    /** The manager words the result of a rollout that was undone this way (see {@code Rollout}). */
    private static final String ROLLED_BACK = " rolled back: ";

    private final ReplicaManager manager;

    public ManagerControl(ReplicaManager manager) {
        this.manager = manager;
    }

    @Override
    public List<String> services() {
        return manager.services();
    }

    @Override
    public List<ReplicaView> replicas() {
        return manager.replicas();
    }

    @Override
    public Map<String, List<ResourceSample>> resourceHistory() {
        return manager.resourceHistory();
    }

    @Override
    public Map<String, Integer> desired() {
        return manager.desiredReplicas();
    }

    @Override
    public CompletableFuture<Void> scale(String service, int replicas) {
        return manager.scale(service, replicas);
    }

    @Override
    public CompletableFuture<Rollout> rollout(String service, Map<String, String> env) {
        return manager.rollout(service, env).thenApply(text -> new Rollout(text, text.contains(ROLLED_BACK)));
    }

    @Override
    public CompletableFuture<Rollout> blueGreen(String service, Map<String, String> env, Duration keep) {
        return manager.blueGreen(service, env, keep).thenApply(text -> new Rollout(text, text.contains(ROLLED_BACK)));
    }

    @Override
    public String switchBack(String service) {
        return manager.switchBack(service);
    }

    @Override
    public LogPage<String> logs(String replicaId, long since) {
        LogBuffer.Page<String> page = manager.logs(replicaId, since);
        return new LogPage<>(page.lines(), page.next());
    }

    @Override
    public LogPage<LogBuffer.Line> serviceLogs(String service, long since) {
        LogBuffer.Page<LogBuffer.Line> page = manager.serviceLogs(service, since);
        return new LogPage<>(page.lines(), page.next());
    }
}
