package io.shoal.admin;

import com.sun.net.httpserver.HttpServer;
import io.shoal.admin.internal.AccessFilter;
import io.shoal.admin.internal.ApiHandler;
import io.shoal.admin.internal.EventRoutes;
import io.shoal.admin.internal.ReloadRoute;
import io.shoal.admin.internal.DashboardHandler;
import io.shoal.admin.internal.EventStream;
import io.shoal.admin.internal.HeadTimeout;
import io.shoal.admin.internal.ReplicaRoutes;
import io.shoal.admin.internal.ServerRoutes;
import io.shoal.admin.internal.TextHandlers;
import io.shoal.admin.internal.TopologyRoutes;
import io.shoal.config.Defaults;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The admin endpoint: a JSON API under {@code /api/v1} that the dashboard and {@code shoal ps},
 * {@code scale}, {@code logs}, {@code rollout} and {@code down} talk to, {@code /metrics} for Prometheus
 * and {@code /status} as nginx's stub_status. It runs on the JDK's HTTP server with threads of its own
 * ({@link #WORKERS}), never on the data plane's event loops; a request must be read within the head timeout
 * ({@link HeadTimeout}), so that clients sending half a request cannot keep the workers from others. Every
 * request passes {@link AdminAccess} first: clients outside the allow-list get 403, requests naming a foreign
 * {@code Host} without the token 421, changing requests without the bearer token 401. docs/api.md describes
 * every endpoint.
 *
 * <pre>
 * GET  /  (or /dashboard)                    the live dashboard, its script and styles under /dashboard/
 * GET  /api/v1/stream                        server-sent events: history, then the figures every second
 * GET  /api/v1/services                      every service with its servers and live figures
 * GET  /api/v1/services/{name}               one of them
 * GET  /api/v1/listeners                     every listener with its figures (HAProxy's frontend rows)
 * GET  /api/v1/routes                        listeners and their routes
 * GET  /api/v1/replicas                      every replica, as shoal ps shows it
 * GET  /api/v1/replicas/{id}/logs?since=N    a replica's output after position N
 * GET  /api/v1/services/{name}/logs?since=N  every replica's output of a service, gone ones included
 * POST /api/v1/services/{name}/scale         {"replicas": N}; answers when done
 * POST /api/v1/services/{name}/rollout       {"env": {"K": "V"}}; 409 when rolled back
 * POST /api/v1/services/{name}/switch-back   after a blue-green rollout
 * POST /api/v1/services/{name}/servers       {"address": "H:P"}: adds a static server
 * DELETE /api/v1/services/{name}/servers/{server}         drains it, then removes it
 * PUT  /api/v1/services/{name}/servers/{server}/weight    {"weight": N}
 * PUT  /api/v1/services/{name}/servers/{server}/state     {"state": "ready" | "drain" | "maint"}
 * POST /api/v1/reload                        re-reads the configuration file, applies the difference
 * POST /api/v1/shutdown                      stops Shoal as SIGTERM does
 * GET  /api/v1/events?service=&since=&all=   the autoscaler's decisions, alerts and replica-hours
 * GET  /metrics                              Prometheus text format 0.0.4
 * GET  /status                               nginx stub_status
 * </pre>
 */
public final class AdminServer implements AutoCloseable {
    public static final int DEFAULT_PORT = Defaults.ADMIN_PORT;
    /** How long a scale or rollout request waits for the operation before answering 504. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Threads reading requests and writing answers. Each holds a request only while it is read (at most the head
     * timeout) or its answer written: operations that take long hold none, nor do open event streams. Beyond this
     * many, requests wait their turn.
     */
    static final int WORKERS = 32;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final EventStream stream;

    private AdminServer(HttpServer server, ExecutorService workers, ScheduledExecutorService timer,
                        EventStream stream) {
        this.server = server;
        this.workers = workers;
        this.timer = timer;
        this.stream = stream;
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and starts answering.
     *
     * @param events the autoscaler's decisions, alerts and replica-hours
     * @param shutdown stops Shoal as SIGTERM would (e.g. {@code () -> System.exit(0)}); it runs on a
     *     thread of its own after the answer to {@code POST /api/v1/shutdown} went out
     * @throws IllegalArgumentException if the address is beyond loopback and the token was not configured
     */
    public static AdminServer start(InetSocketAddress address, AdminAccess access, AdminSources sources,
                                    Runnable shutdown, Duration operationTimeout) throws IOException {
        return start(address, access, sources, shutdown, operationTimeout, ConfigChanges.withoutFile(sources.topology()));
    }

    /** As above, with {@code changes} behind the reload and the servers' endpoints. */
    public static AdminServer start(InetSocketAddress address, AdminAccess access, AdminSources sources,
                                    Runnable shutdown, Duration operationTimeout, ConfigChanges changes)
            throws IOException {
        return start(address, access, sources, shutdown, operationTimeout, Defaults.ADMIN_HEADER_TIMEOUT, changes);
    }

    /** As above; a connection that has not sent its request within {@code headerTimeout} is closed. */
    public static AdminServer start(InetSocketAddress address, AdminAccess access, AdminSources sources,
                                    Runnable shutdown, Duration operationTimeout, Duration headerTimeout,
                                    ConfigChanges changes) throws IOException {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve the admin address " + address.getHostString());
        }
        if (!address.getAddress().isLoopbackAddress() && !access.tokenConfigured()) {
            throw new IllegalArgumentException("an admin address beyond loopback (" + address.getHostString()
                    + ") needs a token: set admin.token or admin.token_file, or listen on 127.0.0.1");
        }
        // Without it the JDK server delays small answers by 40 ms (Nagle with delayed ACK). Read once, at first use.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService workers = workers();
        // Head timeouts.
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("shoal-admin-timer"));
        timer.setRemoveOnCancelPolicy(true); // most head timeouts are cancelled: do not keep them queued
        server.setExecutor(new HeadTimeout(workers, timer, headerTimeout));
        AccessFilter filter = new AccessFilter(access.boundAs(address.getHostString()));
        ApiHandler api = new ApiHandler(new TopologyRoutes(sources),
                new ReplicaRoutes(sources.replicas(), shutdown, operationTimeout),
                new ServerRoutes(sources.topology(), sources.replicas(), changes), new ReloadRoute(changes),
                new EventRoutes(sources.events()), workers);
        server.createContext("/", new DashboardHandler(api)).getFilters().add(filter);
        EventStream stream = EventStream.start(sources);
        server.createContext(EventStream.PATH, stream).getFilters().add(filter);
        server.createContext("/metrics", TextHandlers.metrics(sources, changes.reloads())).getFilters().add(filter);
        server.createContext("/status", TextHandlers.status(sources.connections())).getFilters().add(filter);
        server.start();
        return new AdminServer(server, workers, timer, stream);
    }

    private static ExecutorService workers() {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("shoal-admin"));
        workers.allowCoreThreadTimeOut(true); // an idle admin endpoint keeps no threads
        return workers;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The address bound, with the actual port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops answering at once; requests in progress are cut. */
    @Override
    public void close() {
        stream.close();
        server.stop(0);
        workers.shutdownNow();
        timer.shutdownNow();
    }
}
