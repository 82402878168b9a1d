package io.shoal.replicas;

import io.shoal.config.RunConfig;
import io.shoal.config.ServerConfig;
import io.shoal.health.Drain;
import io.shoal.topology.Server;
import io.shoal.topology.Service;
import io.shoal.topology.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas of one service: keeps as many running as wanted, puts each behind the balancer once it
 * is ready, drains a replica before stopping it, and restarts the ones that die by the restart policy.
 * Every method runs on the replica manager's single thread.
 */
final class ReplicaSet {
    /** Replicas started, exited, restarted or given up on: one line each in the event log. */
    private static final Logger LOG = LoggerFactory.getLogger("shoal.replica");
    /** Lines a service's log keeps: those of several replicas, and of the ones a rollout replaced. */
    static final int SERVICE_LOG_LINES = 5 * Replica.LOG_LINES;
    private final String service;
    private final Topology topology;
    private final ReplicaDriver driver;
    private final ScheduledExecutorService loop;
    private final Runnable topologyChanged;
    private final ReplicaDriver.LineSink console;
    private final List<Replica> replicas = new ArrayList<>();
    /** Every replica's output in the order it came, kept past the replica's end: {@code shoal logs web -f}. */
    private final LogBuffer<LogBuffer.Line> log = new LogBuffer<>(SERVICE_LOG_LINES);
    private RunConfig run;
    private int desired;
    private BlueGreen lastBlueGreen;

    ReplicaSet(String service, RunConfig run, Topology topology, ReplicaDriver driver, ScheduledExecutorService loop,
               Runnable topologyChanged, ReplicaDriver.LineSink console) {
        this.service = service;
        this.run = run;
        this.desired = run.replicas();
        this.topology = topology;
        this.driver = driver;
        this.loop = loop;
        this.topologyChanged = topologyChanged;
        this.console = console;
    }

    String service() {
        return service;
    }

    RunConfig run() {
        return run;
    }

    List<Replica> replicas() {
        return replicas;
    }

    LogBuffer<LogBuffer.Line> log() {
        return log;
    }

    int desired() {
        return desired;
    }

    /** Starts or retires replicas until {@code count} run; completes when the new ones are ready and the old gone. */
    CompletableFuture<Void> scale(int count) {
        desired = count;
        List<CompletableFuture<?>> steps = new ArrayList<>();
        int running = (int) replicas.stream().filter(Replica::counts).count();
        for (; running < desired; running++) {
            steps.add(launch(newReplica(spec(run))).ready);
        }
        for (; running > desired; running--) {
            steps.add(retire(newest()));
        }
        return CompletableFuture.allOf(steps.toArray(new CompletableFuture<?>[0]));
    }

    /** Rolling update (Swarm's update-parallelism 1): each new replica ready before an old one is drained. */
    CompletableFuture<String> rollout(RunConfig next) {
        return new Rollout(this, next).start();
    }

    /** Blue-green: start a full new set, switch at once when all are ready, keep the old set for {@code keep}. */
    CompletableFuture<String> blueGreen(RunConfig next, Duration keep) {
        lastBlueGreen = new BlueGreen(this, next, keep, loop);
        return lastBlueGreen.start();
    }

    String switchBack() {
        return lastBlueGreen == null ? "no blue-green deployment of " + service + " to switch back from"
                : lastBlueGreen.switchBack();
    }

    void replaceRun(RunConfig next) {
        run = next;
    }

    Replica newReplica(ReplicaSpec spec) {
        int index = 1;
        while (indexTaken(index)) {
            index++;
        }
        Replica replica = new Replica(service + "-" + index, index, spec);
        replicas.add(replica);
        return replica;
    }

    private boolean indexTaken(int index) {
        return replicas.stream().anyMatch(r -> r.index == index);
    }

    private Replica newest() {
        Replica newest = null;
        for (Replica replica : replicas) {
            if (replica.counts() && (newest == null || replica.index > newest.index)) {
                newest = replica;
            }
        }
        return newest;
    }

    static ReplicaSpec spec(RunConfig run) {
        return new ReplicaSpec(run.command(), run.env(), run.workingDir() == null ? null : Path.of(run.workingDir()),
                run.portEnv());
    }

    /** Starts the replica's process on a fresh port and puts it in the pool (DOWN until its check passes). */
    Replica launch(Replica replica) {
        int port = Ports.free();
        try {
            RunningReplica running = driver.start(replica.id, replica.spec, port, (id, line) -> {
                replica.log.add(line);
                log.add(new LogBuffer.Line(id, line));
                console.line(id, line);
            });
            replica.running = running;
            replica.server = Replica.serverFor(port);
            replica.phase = Replica.Phase.STARTING;
            replica.startedMillis = System.currentTimeMillis();
            LOG.info("{} started on port {}", replica.id, port);
            running.exited().thenAccept(code -> loop.execute(() -> exited(replica, running, code)));
            loop.schedule(() -> notReadyInTime(replica, running), run.readyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            publish();
        } catch (IOException e) {
            replica.lastMessage = "cannot start: " + e.getMessage();
            console.line(replica.id, replica.lastMessage);
            LOG.error("{} {}", replica.id, replica.lastMessage);
            replica.phase = Replica.Phase.FAILED;
            replica.ready.completeExceptionally(e);
        }
        return replica;
    }

    /** Called when a server of this service comes UP: a starting replica is now ready. */
    void serverUp(Server server) {
        for (Replica replica : replicas) {
            if (server.config().equals(replica.server) && replica.phase == Replica.Phase.STARTING) {
                replica.phase = Replica.Phase.READY;
                replica.consecutiveRestarts = 0;
                replica.lastMessage = "ready";
                replica.ready.complete(null);
            }
        }
    }

    private void notReadyInTime(Replica replica, RunningReplica running) {
        if (replica.running == running && replica.phase == Replica.Phase.STARTING) {
            replica.lastMessage = "not ready after " + run.readyTimeout().toSeconds() + "s";
            console.line(replica.id, "shoal: " + replica.lastMessage + "; stopping it");
            LOG.warn("{} {}; stopping it", replica.id, replica.lastMessage);
            replica.ready.completeExceptionally(new IllegalStateException(replica.id + ": " + replica.lastMessage));
            running.stop(run.stopGrace());
        }
    }

    /** A replica's process ended: expected when retiring it, otherwise out of the pool at once and restarted by policy. */
    private void exited(Replica replica, RunningReplica running, int code) {
        if (replica.running != running || replica.phase == Replica.Phase.STOPPING) {
            return;
        }
        replica.running = null;
        replica.server = null;
        publish();
        replica.lastMessage = "exited with code " + code;
        console.line(replica.id, "shoal: " + replica.lastMessage);
        long now = System.currentTimeMillis();
        if (run.restart().restarts(code) && run.restart().allowRestart(replica.restartHistory, now)) {
            replica.phase = Replica.Phase.BACKOFF;
            Duration wait = run.restart().backoff(++replica.consecutiveRestarts);
            LOG.warn("{} exited with code {}; restarting in {} ms", replica.id, code, wait.toMillis());
            loop.schedule(() -> {
                if (replica.phase == Replica.Phase.BACKOFF) {
                    launch(replica);
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            replica.phase = Replica.Phase.FAILED;
            // The history holds the restarts within the window; each followed an exit, and this exit is one more.
            replica.lastMessage = run.restart().restarts(code)
                    ? "exited " + (replica.restartHistory.size() + 1) + " times within " + run.restart().window().toSeconds()
                    + "s; giving up (restart policy " + run.restart().configName() + ", max_restarts "
                    + run.restart().maxRestarts() + ")"
                    : "exited with code " + code + "; not restarted (restart policy " + run.restart().configName() + ")";
            console.line(replica.id, "shoal: " + replica.lastMessage);
            LOG.error("{} {}", replica.id, replica.lastMessage);
            replica.ready.completeExceptionally(new IllegalStateException(replica.id + ": " + replica.lastMessage));
        }
    }

    /** Drains the replica, stops its process, and takes it out of the pool. */
    CompletableFuture<Void> retire(Replica replica) {
        replica.phase = Replica.Phase.STOPPING;
        replica.lastMessage = "stopping";
        RunningReplica running = replica.running;
        Server server = serverOf(replica);
        CompletableFuture<?> drained = server == null ? CompletableFuture.completedFuture(null)
                : Drain.start(server, topology.config().services().get(service).health().drainTimeout(), topology);
        // Back on this set's thread: the drain ends on the control thread, which must not wait for a process.
        CompletableFuture<?> stopped = drained.thenComposeAsync(outcome ->
                running == null ? CompletableFuture.completedFuture(0) : running.stop(run.stopGrace()), loop);
        return stopped.thenRunAsync(() -> {
            replicas.remove(replica);
            publish();
        }, loop);
    }

    Server serverOf(Replica replica) {
        Service current = topology.current().service(service);
        if (current == null || replica.server == null) {
            return null;
        }
        for (Server server : current.servers()) {
            if (server.config().equals(replica.server)) {
                return server;
            }
        }
        return null;
    }

    /** Puts the servers of the replicas that have a process into the balancer. */
    private void publish() {
        List<ServerConfig> servers = new ArrayList<>();
        for (Replica replica : replicas) {
            if (replica.server != null) {
                servers.add(replica.server);
            }
        }
        topology.updateService(service, config -> config.withServers(servers));
        topologyChanged.run();
    }

    /** Stops every replica without draining: Shoal itself is stopping. */
    CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Integer>> stops = new ArrayList<>();
        for (Replica replica : replicas) {
            replica.phase = Replica.Phase.STOPPING;
            if (replica.running != null) {
                stops.add(replica.running.stop(run.stopGrace()));
            }
        }
        return CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0]));
    }
}
