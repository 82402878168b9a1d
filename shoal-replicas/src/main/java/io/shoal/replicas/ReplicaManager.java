package io.shoal.replicas;

import io.shoal.config.RunConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.topology.Server;
import io.shoal.topology.ServerListener;
import io.shoal.topology.ServerState;
import io.shoal.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the replicas of every service that has a {@code run} block: the docker-compose {@code --scale}
 * replacement. All decisions happen on one thread, so the replica sets need no locks; the public
 * methods hand their work to it and return futures. Those futures complete on that thread: continue
 * them with an {@code ...Async} stage before calling back into this manager, which would otherwise
 * wait for its own thread.
 */
public final class ReplicaManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.replica");
    private final Topology topology;
    private final ReplicaDriver driver;
    private final Runnable topologyChanged;
    private final ReplicaDriver.LineSink console;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "shoal-replicas");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ReplicaSet> sets = new LinkedHashMap<>();
    private final ResourceHistory resources = new ResourceHistory();
    private final ServerListener readiness = this::stateChanged;

    /**
     * @param topologyChanged called after replicas join or leave the topology (to start and stop their health checks)
     * @param console receives every line the replicas print
     */
    public ReplicaManager(Topology topology, ReplicaDriver driver, Runnable topologyChanged,
                          ReplicaDriver.LineSink console) {
        this.topology = topology;
        this.driver = driver;
        this.topologyChanged = topologyChanged;
        this.console = console;
    }

    /** Starts the configured number of replicas of every run service; completes when all are ready. */
    public CompletableFuture<Void> start() {
        topology.addListener(readiness);
        return onLoop(() -> {
            List<CompletableFuture<Void>> scaled = new ArrayList<>();
            for (ServiceConfig service : topology.config().services().values()) {
                RunConfig run = service.run();
                if (run != null) {
                    ReplicaSet set = new ReplicaSet(service.name(), run, topology, driver, loop, topologyChanged, console);
                    sets.put(service.name(), set);
                    scaled.add(set.scale(run.replicas()));
                }
            }
            loop.scheduleAtFixedRate(this::sampleResources, 1, 1, TimeUnit.SECONDS);
            return CompletableFuture.allOf(scaled.toArray(new CompletableFuture<?>[0]));
        });
    }

    public CompletableFuture<Void> scale(String service, int replicas) {
        return onLoop(() -> set(service).scale(replicas));
    }

    /** Rolling update to new environment values; the result says how it went (rolled out or rolled back). */
    public CompletableFuture<String> rollout(String service, Map<String, String> env) {
        return onLoop(() -> {
            ReplicaSet set = set(service);
            Map<String, String> merged = new LinkedHashMap<>(set.run().env());
            merged.putAll(env);
            return set.rollout(set.run().withEnv(merged));
        });
    }

    /** Blue-green to new environment values; the old set is kept for {@code keep} for {@link #switchBack}. */
    public CompletableFuture<String> blueGreen(String service, Map<String, String> env, Duration keep) {
        return onLoop(() -> {
            ReplicaSet set = set(service);
            Map<String, String> merged = new LinkedHashMap<>(set.run().env());
            merged.putAll(env);
            return set.blueGreen(set.run().withEnv(merged), keep);
        });
    }

    /** Back to the set that served before the last blue-green switch, while it is kept. */
    public String switchBack(String service) {
        return call(() -> set(service).switchBack());
    }

    public List<String> services() {
        return call(() -> new ArrayList<>(sets.keySet()));
    }

    /** How many replicas each run service is to have now (as last scaled, by hand or by the autoscaler). */
    public Map<String, Integer> desiredReplicas() {
        return call(() -> {
            Map<String, Integer> desired = new LinkedHashMap<>();
            sets.forEach((name, set) -> desired.put(name, set.desired()));
            return desired;
        });
    }

    /** The CPU and memory samples of every running replica, oldest first, by replica id. */
    public Map<String, List<ResourceSample>> resourceHistory() {
        return resources.all();
    }

    public List<ReplicaView> replicas() {
        return call(() -> {
            List<ReplicaView> views = new ArrayList<>();
            for (ReplicaSet set : sets.values()) {
                for (Replica replica : set.replicas()) {
                    views.add(view(set, replica));
                }
            }
            return views;
        });
    }

    /** Output of a replica after position {@code since} (0 for all kept). */
    public LogBuffer.Page<String> logs(String replicaId, long since) {
        return call(() -> {
            for (ReplicaSet set : sets.values()) {
                for (Replica replica : set.replicas()) {
                    if (replica.id.equals(replicaId)) {
                        return replica.log.since(since);
                    }
                }
            }
            throw new IllegalArgumentException("no replica named " + replicaId);
        });
    }

    /** Output of every replica of {@code service}, gone ones included, after position {@code since}. */
    public LogBuffer.Page<LogBuffer.Line> serviceLogs(String service, long since) {
        return call(() -> set(service).log().since(since));
    }

    private ReplicaView view(ReplicaSet set, Replica replica) {
        RunningReplica running = replica.running;
        ResourceSample sample = running == null ? null : resources.newest(replica.id);
        int inFlight = 0;
        for (Server server : topology.current().service(set.service()).servers()) {
            if (server.config().equals(replica.server)) {
                inFlight = server.inFlight();
            }
        }
        return new ReplicaView(replica.id, set.service(), replica.phase.name(), running == null ? 0 : running.port(),
                running == null ? -1 : running.pid(),
                running == null ? 0 : System.currentTimeMillis() - replica.startedMillis,
                replica.restartHistory.size(), sample == null ? -1 : sample.cpuPercent(),
                sample == null ? -1 : sample.rssBytes(), inFlight, replica.lastMessage);
    }

    private void sampleResources() {
        long at = System.currentTimeMillis();
        Set<String> sampled = new HashSet<>();
        for (ReplicaSet set : sets.values()) {
            for (Replica replica : set.replicas()) {
                ResourceSample sample = replica.running == null ? null : replica.running.sample(at);
                if (sample != null) {
                    resources.add(replica.id, sample);
                    sampled.add(replica.id);
                }
            }
        }
        resources.retain(sampled);
    }

    private void stateChanged(Server server, io.shoal.topology.ServerStatus previous, io.shoal.topology.ServerStatus now) {
        if (now.state() == ServerState.UP) {
            loop.execute(() -> {
                ReplicaSet set = sets.get(server.serviceName());
                if (set != null) {
                    set.serverUp(server);
                }
            });
        }
    }

    private ReplicaSet set(String service) {
        ReplicaSet set = sets.get(service);
        if (set == null) {
            throw new IllegalArgumentException("no service named " + service + " runs replicas");
        }
        return set;
    }

    private <T> CompletableFuture<T> onLoop(java.util.function.Supplier<CompletableFuture<T>> work) {
        return CompletableFuture.supplyAsync(work, loop).thenCompose(f -> f);
    }

    private <T> T call(java.util.concurrent.Callable<T> work) {
        try {
            return loop.submit(work).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the replica manager did not answer", e);
        }
    }

    /** Stops every replica (SIGTERM, then SIGKILL after its grace period) and waits for them. */
    @Override
    public void close() {
        topology.removeListener(readiness);
        try {
            CompletableFuture<Void> stopped = onLoop(() -> {
                List<CompletableFuture<Void>> all = new ArrayList<>();
                sets.values().forEach(set -> all.add(set.stopAll()));
                return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
            });
            stopped.get(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("replicas did not all stop: {}", e.toString());
        } finally {
            loop.shutdownNow();
        }
    }
}
