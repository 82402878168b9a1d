package io.shoal.autoscaler;

import io.shoal.config.AutoscaleConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.replicas.ReplicaManager;
import io.shoal.replicas.ReplicaView;
import io.shoal.topology.Server;
import io.shoal.topology.Service;
import io.shoal.topology.Topology;
import io.shoal.topology.TrafficFigures;
import io.shoal.topology.TrafficSampler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live autoscaler: every {@code interval} it gathers each autoscaled service's figures (from the
 * replicas' processes and the data plane's counters), asks the same {@link ScalingDecider} the simulator
 * uses, and applies the result through the replica manager. Every decision is kept for
 * {@code shoal events}. Runs on its own single thread.
 */
public final class AutoscalerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.autoscaler");
    private final Topology topology;
    private final ReplicaManager replicas;
    private final ToIntFunction<String> queueLength;
    private final Clock clock;
    private final Map<String, ScalingDecider> deciders = new LinkedHashMap<>();
    private final TrafficSampler traffic;
    private final EventLog log;
    private final Path historyFile;
    private volatile PredictiveScaling predictive; // set by start(), read by close() on another thread
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "shoal-autoscaler");
        thread.setDaemon(true);
        return thread;
    });
    private long lastMillis;

    /**
     * @param traffic where request rates and latency percentiles come from
     * @param queueLength requests waiting at the proxy for a service
     * @param log where every decision, the standing alerts and the replica-hours go
     * @param historyFile where predictive scaling keeps what it learnt, or null for memory only
     */
    public AutoscalerLoop(Topology topology, ReplicaManager replicas, TrafficSampler traffic,
                          ToIntFunction<String> queueLength, Clock clock, EventLog log, Path historyFile) {
        this.topology = topology;
        this.traffic = traffic;
        this.log = log;
        this.historyFile = historyFile;
        this.replicas = replicas;
        this.queueLength = queueLength;
        this.clock = clock;
    }

    /** Starts evaluating; a no-op when no service has {@code autoscale}. */
    public void start() {
        long interval = Long.MAX_VALUE;
        Map<String, AutoscaleConfig> autoscaled = new LinkedHashMap<>();
        for (ServiceConfig service : topology.config().services().values()) {
            if (service.autoscale() != null && service.run() != null) {
                deciders.put(service.name(), Policies.decider(service.autoscale()));
                autoscaled.put(service.name(), service.autoscale());
                interval = Math.min(interval, service.autoscale().interval().toMillis());
            }
        }
        if (!deciders.isEmpty()) {
            lastMillis = clock.millis();
            predictive = new PredictiveScaling(historyFile, autoscaled, lastMillis);
            loop.scheduleWithFixedDelay(this::evaluate, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    private void evaluate() {
        try {
            long now = clock.millis();
            long elapsed = Math.max(1, now - lastMillis);
            lastMillis = now;
            List<ReplicaView> all = replicas.replicas();
            for (Map.Entry<String, ScalingDecider> entry : deciders.entrySet()) {
                String name = entry.getKey();
                AutoscaleConfig config = topology.config().services().get(name).autoscale();
                ScalingInput input = Figures.of(name, now, elapsed / 1000.0, all, topology.current().service(name),
                        config, traffic, queueLength.applyAsInt(name));
                LocalDateTime local = LocalDateTime.ofInstant(clock.instant(), clock.getZone());
                int scheduleFloor = Policies.floor(config, local);
                List<ReplicaView> mine = all.stream().filter(r -> r.service().equals(name)).toList();
                Forecast forecast = predictive.forecast(name, input, mine, local, elapsed / 1000.0);
                int floor = Math.max(scheduleFloor, forecast == null ? 0 : forecast.floor());
                Decision decision = entry.getValue().decide(input, floor);
                record(new ScalingEvent(name, now, scheduleFloor, forecast, decision), config, elapsed, mine);
                if (decision.changes()) {
                    replicas.scale(name, decision.desired());
                }
            }
            predictive.saveIfDue(now);
        } catch (RuntimeException e) {
            LOG.error("autoscaler evaluation failed", e);
        }
    }

    /** Keeps the decision, counts replica-hours, and announces alerts as they are raised. */
    private void record(ScalingEvent event, AutoscaleConfig config, long elapsedMillis, List<ReplicaView> mine) {
        String name = event.service();
        int changes = log.record(event);
        log.countReplicas(name, event.decision().current(), elapsedMillis, config.pricePerReplicaHour());
        for (Alert raised : log.standing(name, Alerts.of(name, config, event.decision(), changes, mine))) {
            LOG.warn("alert: {}", raised.message());
        }
    }

    /** Stops evaluating and saves what predictive scaling learnt. */
    @Override
    public void close() {
        loop.shutdownNow();
        try {
            if (loop.awaitTermination(5, TimeUnit.SECONDS) && predictive != null) {
                predictive.save();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects one service's figures at decision time. */
    static final class Figures {
        private Figures() {}

        static ScalingInput of(String name, long now, double seconds, List<ReplicaView> all, Service service,
                               AutoscaleConfig config, TrafficSampler traffic, int queued) {
            List<ReplicaFigures> figures = new ArrayList<>();
            int current = 0;
            Duration window = Duration.ofMillis(Math.round(seconds * 1000));
            for (ReplicaView replica : all) {
                if (!replica.service().equals(name)) {
                    continue;
                }
                boolean counts = !List.of("STOPPING", "FAILED", "STANDBY").contains(replica.state());
                current += counts ? 1 : 0;
                if (!counts) {
                    continue;
                }
                Map<Metric, Double> values = new java.util.EnumMap<>(Metric.class);
                if (replica.cpuPercent() >= 0) {
                    values.put(Metric.CPU, replica.cpuPercent());
                }
                if (replica.rssBytes() >= 0) {
                    values.put(Metric.MEMORY, (double) replica.rssBytes());
                }
                Server server = serverOf(service, replica.port());
                if (server != null) {
                    values.put(Metric.IN_FLIGHT, (double) server.inFlight());
                    TrafficFigures served = traffic.server(server, window);
                    if (served.seconds() > 0) {
                        values.put(Metric.RPS, served.requestsPerSecond());
                    }
                }
                boolean ready = replica.state().equals("READY");
                boolean initializing = replica.uptimeMillis() < config.initializationPeriod().toMillis();
                figures.add(new ReplicaFigures(replica.id(), ready, initializing, values));
            }
            Map<Metric, Double> serviceFigures = new java.util.EnumMap<>(Metric.class);
            TrafficFigures latency = service == null ? null : traffic.service(service.name(), window);
            if (latency != null && latency.responses() > 0) {
                serviceFigures.put(Metric.P95_LATENCY_MS, latency.p95Millis());
            }
            serviceFigures.put(Metric.QUEUE_LENGTH, (double) queued);
            return new ScalingInput(now, current, figures, serviceFigures);
        }

        private static Server serverOf(Service service, int port) {
            if (service == null) {
                return null;
            }
            for (Server server : service.servers()) {
                if (server.config().address().port() == port) {
                    return server;
                }
            }
            return null;
        }
    }
}
