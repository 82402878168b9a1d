package io.shoal.topology;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of the data plane's latency intervals: once a second it takes every server's
 * {@link ServerTraffic} interval and counts, and keeps per server and per service the figures of the
 * last {@link #HISTORY_SECONDS} seconds (request rate, error rate, p50/p95/p99). The autoscaler, the
 * admin API and the dashboard all read their rates and percentiles here, so they agree.
 *
 * <p>Threading: {@link #sample()} runs on the sampler's own thread (or a test's); readers may call from
 * any thread.
 */
public final class TrafficSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.traffic");
    /** How far back the per-second figures go. */
    public static final int HISTORY_SECONDS = 300;
    /** How far back a window of {@link #server} or {@link #service} can reach. */
    public static final int WINDOW_SECONDS = 60;

    private final Topology topology;
    private final Map<Server, TrafficSeries> servers = new ConcurrentHashMap<>();
    private final Map<String, TrafficSeries> services = new ConcurrentHashMap<>();
    private ScheduledExecutorService thread;
    private long lastNanos = System.nanoTime();
    /** One second's latency counts of a server, and of its service: scratch space, used under this monitor. */
    private final long[] serverLatencies = new long[LatencyBuckets.COUNT];
    private final long[] serviceLatencies = new long[LatencyBuckets.COUNT];

    public TrafficSampler(Topology topology) {
        this.topology = topology;
    }

    /** Samples once a second on a daemon thread of its own until {@link #close()}. */
    public synchronized TrafficSampler start() {
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "shoal-traffic-sampler");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleAtFixedRate(this::sampleQuietly, 1, 1, TimeUnit.SECONDS);
        }
        return this;
    }

    /** Takes one sample of every server of the current snapshot; forgets servers that left it. */
    public synchronized void sample() {
        long now = System.nanoTime();
        double elapsed = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;
        long at = System.currentTimeMillis();
        Set<Server> present = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Service service : topology.current().services().values()) {
            Arrays.fill(serviceLatencies, 0);
            long requests = 0;
            long errors = 0;
            for (Server server : service.servers()) {
                present.add(server);
                TrafficSeries series = servers.computeIfAbsent(server, s -> new TrafficSeries());
                ServerTraffic traffic = server.traffic();
                long totalRequests = traffic.responses() + traffic.failures();
                long totalErrors = traffic.responses(5) + traffic.failures();
                traffic.latenciesSince(series.lastLatencies(), serverLatencies);
                series.add(at, elapsed, totalRequests - series.lastRequests, totalErrors - series.lastErrors,
                        serverLatencies);
                requests += totalRequests - series.lastRequests;
                errors += totalErrors - series.lastErrors;
                series.lastRequests = totalRequests;
                series.lastErrors = totalErrors;
                for (int i = 0; i < serverLatencies.length; i++) {
                    serviceLatencies[i] += serverLatencies[i];
                }
            }
            if (!service.servers().isEmpty()) {
                services.computeIfAbsent(service.name(), n -> new TrafficSeries())
                        .add(at, elapsed, requests, errors, serviceLatencies);
            }
        }
        servers.keySet().retainAll(present);
        services.keySet().retainAll(topology.current().services().keySet());
    }

    /** The server's figures over the last {@code window} (whole seconds, at most {@link #WINDOW_SECONDS}). */
    public TrafficFigures server(Server server, Duration window) {
        TrafficSeries series = servers.get(server);
        return series == null ? TrafficFigures.NONE : series.last(seconds(window));
    }

    /** The figures of all of a service's servers together over the last {@code window}. */
    public TrafficFigures service(String name, Duration window) {
        TrafficSeries series = services.get(name);
        return series == null ? TrafficFigures.NONE : series.last(seconds(window));
    }

    /** The server's per-second figures, oldest first, for up to {@link #HISTORY_SECONDS}. */
    public List<TrafficSecond> serverHistory(Server server) {
        TrafficSeries series = servers.get(server);
        return series == null ? List.of() : series.history();
    }

    /** The service's per-second figures, oldest first, for up to {@link #HISTORY_SECONDS}. */
    public List<TrafficSecond> serviceHistory(String name) {
        TrafficSeries series = services.get(name);
        return series == null ? List.of() : series.history();
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.error("traffic sampling failed; the next second tries again", e);
        }
    }

    private static int seconds(Duration window) {
        return (int) Math.max(1, Math.min(WINDOW_SECONDS, window.toSeconds()));
    }
}
