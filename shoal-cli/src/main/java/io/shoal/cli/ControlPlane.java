package io.shoal.cli;

import io.shoal.admin.AdminAccess;
import io.shoal.admin.AdminServer;
import io.shoal.admin.AdminSources;
import io.shoal.admin.ConfigChanges;
import io.shoal.admin.ReplicaControl;
import io.shoal.autoscaler.AutoscalerLoop;
import io.shoal.config.AdminConfig;
import io.shoal.autoscaler.EventLog;
import io.shoal.config.Counts;
import io.shoal.health.HealthChecker;
import io.shoal.proxy.ListenFailure;
import io.shoal.proxy.ProxyServer;
import io.shoal.replicas.LocalProcessDriver;
import io.shoal.replicas.OrphanRegistry;
import io.shoal.replicas.ReplicaDriver;
import io.shoal.replicas.ReplicaManager;
import io.shoal.replicas.ReplicaView;
import io.shoal.topology.Topology;
import io.shoal.topology.TrafficSampler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The replicas and the admin endpoint of one running Shoal, and its {@code .shoal} directory: taken
 * with a lock, cleared of the orphans of a crashed run, and told the admin address.
 */
final class ControlPlane implements AutoCloseable {
    private final StateDir state;
    private final AutoCloseable lock;
    private final OrphanRegistry orphans;
    private final EventLog events = new EventLog();
    private volatile boolean closing;
    private ReplicaManager replicas;
    private AutoscalerLoop autoscaler;
    private AdminServer admin;

    private ControlPlane(StateDir state, AutoCloseable lock, OrphanRegistry orphans) {
        this.state = state;
        this.lock = lock;
        this.orphans = orphans;
    }

    /** Takes {@code state} for this run and stops the replicas a previous Shoal left running there. */
    static ControlPlane prepare(StateDir state) throws IOException {
        AutoCloseable lock = state.lock().orElseThrow(() -> new IOException("another Shoal is running in "
                + state.dir().getParent() + " (admin " + state.adminAddress().orElse("address unknown")
                + ", pid " + state.pid().map(String::valueOf).orElse("unknown") + "); 'shoal down' stops it"));
        state.forget(); // left by a Shoal that ended without cleaning up: we hold the lock, so it is gone
        OrphanRegistry orphans = new OrphanRegistry(state.replicasFile());
        try {
            List<OrphanRegistry.Entry> stopped = orphans.stopOrphans();
            if (!stopped.isEmpty()) {
                System.err.println("shoal: stopped " + Counts.of(stopped.size(), "replica process", "replica processes")
                        + " left running by a Shoal that did not stop cleanly: "
                        + stopped.stream().map(e -> e.id() + " (pid " + e.pid() + ")").collect(Collectors.joining(", ")));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("shoal: cannot read " + state.replicasFile() + " to stop the replicas of a previous run: "
                    + e.getMessage());
        }
        return new ControlPlane(state, lock, orphans);
    }

    /**
     * Starts the admin endpoint and the replicas; returns once the endpoint answers.
     *
     * @param proxy the data plane: its connection figures and queue lengths
     * @param changes reloads and servers added or removed through the API
     * @return completes when the replicas are ready, or fails with the first that did not become ready
     */
    synchronized CompletableFuture<Void> start(Topology topology, TrafficSampler traffic, ProxyServer proxy,
                                               HealthChecker health, ConfigChanges changes, AdminBind bind,
                                               ReplicaDriver.LineSink console)
            throws IOException {
        if (closing) {
            throw new IOException("stopping");
        }
        replicas = new ReplicaManager(topology, new LocalProcessDriver(orphans), () -> {
            if (!closing) {
                health.sync();
            }
        }, console);
        AdminConfig config = topology.config().admin();
        AdminAccess access = AdminAccess.of(AdminTokens.resolve(config, state), config.hasToken(), config.allow(),
                config.allowedHosts());
        admin = startAdmin(bind, access, new AdminSources(topology, traffic, proxy.connectionStats(), proxy.accessLog(), proxy.tls(),
                ReplicaControl.of(replicas), events), changes);
        autoscaler = new AutoscalerLoop(topology, replicas, traffic, proxy::queued, Clock.systemDefaultZone(), events,
                state.autoscaleHistoryFile());
        state.publish(admin.address());
        // Off the replica manager's thread, which its futures complete on and which replicas() needs.
        return replicas.start().whenCompleteAsync((ok, failure) -> {
            if (closing) {
                return;
            }
            autoscaler.start(); // decides only once the configured replicas had their chance to start
            if (failure == null) {
                Map<String, Long> counts = readyCounts(replicas.replicas());
                if (!counts.isEmpty()) {
                    System.err.println("shoal: replicas ready: " + counts.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
                }
            } else {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                System.err.println("shoal: not every replica became ready: " + cause.getMessage()
                        + " ('shoal ps' shows them)");
            }
        });
    }

    InetSocketAddress adminAddress() {
        return admin.address();
    }

    private static AdminServer startAdmin(AdminBind bind, AdminAccess access, AdminSources sources,
                                          ConfigChanges changes) throws IOException {
        Runnable shutdown = () -> System.exit(0);
        try {
            return AdminServer.start(bind.address(), access, sources, shutdown, AdminServer.DEFAULT_OPERATION_TIMEOUT,
                    changes);
        } catch (BindException e) {
            if (bind.explicit()) {
                throw ListenFailure.of(Launcher.format(bind.address()) + " (admin endpoint)", e);
            }
            InetSocketAddress any = new InetSocketAddress(bind.address().getAddress(), 0);
            AdminServer admin = AdminServer.start(any, access, sources, shutdown, AdminServer.DEFAULT_OPERATION_TIMEOUT,
                    changes);
            System.err.println("shoal: " + Launcher.format(bind.address()) + " is in use; the admin endpoint is on "
                    + Launcher.format(admin.address()) + " instead");
            return admin;
        }
    }

    private static Map<String, Long> readyCounts(List<ReplicaView> views) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ReplicaView view : views) {
            counts.merge(view.service(), view.state().equals("READY") ? 1L : 0L, Long::sum);
        }
        return counts;
    }

    /**
     * Stops answering the admin API, then every replica (stop signal, then SIGKILL after the grace
     * period), and waits for them. Runs before the health checks and the proxy stop, so that no
     * replica is restarted or checked while Shoal stops.
     */
    synchronized void stopRunning() {
        if (closing) {
            return;
        }
        closing = true;
        if (admin != null) {
            admin.close();
        }
        state.unpublish();
        if (autoscaler != null) {
            autoscaler.close();
        }
        if (replicas != null) {
            replicas.close();
        }
    }

    /** Stops what still runs and frees {@code .shoal} for the next Shoal. */
    @Override
    public void close() {
        try {
            stopRunning();
        } finally {
            try {
                lock.close();
            } catch (Exception e) {
                System.err.println("shoal: cannot unlock " + state.dir() + ": " + e);
            }
        }
    }
}
