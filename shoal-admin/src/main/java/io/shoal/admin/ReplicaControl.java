package io.shoal.admin;

import io.shoal.admin.internal.ManagerControl;
import io.shoal.replicas.LogBuffer;
import io.shoal.replicas.ReplicaManager;
import io.shoal.replicas.ReplicaView;
import io.shoal.replicas.ResourceSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the admin endpoint asks of the replica manager. An interface, so that the API can be tested
 * without starting processes; {@link #of(ReplicaManager)} is the real one.
 *
 * <p>Failures: an unknown service or replica is an {@link IllegalArgumentException} (thrown, or
 * completing the future); anything else is a failure of the operation itself.
 */
public interface ReplicaControl {

    static ReplicaControl of(ReplicaManager manager) {
        return new ManagerControl(manager);
    }

    /** Names of the services whose replicas Shoal runs, in configuration order. */
    List<String> services();

    List<ReplicaView> replicas();

    /** The CPU and memory samples of every running replica, oldest first, by replica id. */
    Map<String, List<ResourceSample>> resourceHistory();

    /** How many replicas each service whose replicas Shoal runs is to have now, by service. */
    Map<String, Integer> desired();

    /** Completes when the service runs {@code replicas} ready replicas and the retired ones are gone. */
    CompletableFuture<Void> scale(String service, int replicas);

    /** A rolling update to new environment values; completes with what happened (rolled out or rolled back). */
    CompletableFuture<Rollout> rollout(String service, Map<String, String> env);

    /**
     * Blue-green to new environment values: the whole new set starts, traffic switches at once when all
     * are ready, and the previous set is kept for {@code keep} so that {@link #switchBack} is instant.
     */
    CompletableFuture<Rollout> blueGreen(String service, Map<String, String> env, Duration keep);

    /** Puts the previous set back in front after a blue-green switch, while it is kept; says what happened. */
    String switchBack(String service);

    /** Output of one replica after position {@code since} (0 for all it keeps). */
    LogPage<String> logs(String replicaId, long since);

    /** Output of every replica of a service, in the order it came, those since retired included. */
    LogPage<LogBuffer.Line> serviceLogs(String service, long since);

    /** Lines of output and the position to ask from next time ({@code shoal logs -f}). */
    record LogPage<T>(List<T> lines, long next) {
        public LogPage {
            lines = List.copyOf(lines);
        }
    }

    /** The outcome of a rollout, as the replica manager tells it. */
    record Rollout(String message, boolean rolledBack) {}
}
