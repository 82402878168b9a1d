package io.shoal.admin;

import com.sun.net.httpserver.HttpServer;
import io.shoal.admin.internal.AccessFilter;
import io.shoal.admin.internal.ApiHandler;
import io.shoal.admin.internal.EventRoutes;
import io.shoal.admin.internal.ReloadRoute;
import io.shoal.admin.internal.DashboardHandler;
import io.shoal.admin.internal.EventStream;
import io.shoal.admin.internal.ReplicaRoutes;
import io.shoal.admin.internal.ServerRoutes;
import io.shoal.admin.internal.TextHandlers;
import io.shoal.admin.internal.TopologyRoutes;
import io.shoal.config.Defaults;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin endpoint: a JSON API under {@code /api/v1} that the dashboard and {@code shoal ps},
 * {@code scale}, {@code logs}, {@code rollout} and {@code down} talk to, {@code /metrics} for Prometheus
 * and {@code /status} as nginx's stub_status. It runs on the JDK's HTTP server with two threads of its
 * own, never on the data plane's event loops. Every request passes {@link AdminAccess} first: clients
 * outside the allow-list get 403, changing requests without the bearer token 401. docs/api.md
 * describes every endpoint.
 *
 * <pre>
 * GET  /  (or /dashboard)                    the live dashboard, its script and styles under /dashboard/
 * GET  /api/v1/stream                        server-sent events: history, then the figures every second
 * GET  /api/v1/services                      every service with its servers and live figures
 * GET  /api/v1/services/{name}               one of them
 * GET  /api/v1/routes                        listeners and their routes
 * GET  /api/v1/replicas                      every replica, as shoal ps shows it
 * GET  /api/v1/replicas/{id}/logs?since=N    a replica's output after position N
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

    private final HttpServer server;
    private final ExecutorService threads;
    private final EventStream stream;

    private AdminServer(HttpServer server, ExecutorService threads, EventStream stream) {
        this.server = server;
        this.threads = threads;
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
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "shoal-admin");
            thread.setDaemon(true);
            return thread;
        });
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            threads.shutdownNow();
            throw e;
        }
        server.setExecutor(threads);
        AccessFilter filter = new AccessFilter(access);
        ApiHandler api = new ApiHandler(new TopologyRoutes(sources),
                new ReplicaRoutes(sources.replicas(), shutdown, operationTimeout),
                new ServerRoutes(sources.topology(), sources.replicas(), changes), new ReloadRoute(changes),
                new EventRoutes(sources.events()), threads);
        server.createContext("/", new DashboardHandler(api)).getFilters().add(filter);
        EventStream stream = EventStream.start(sources);
        server.createContext(EventStream.PATH, stream).getFilters().add(filter);
        server.createContext("/metrics", TextHandlers.metrics(sources)).getFilters().add(filter);
        server.createContext("/status", TextHandlers.status(sources.connections())).getFilters().add(filter);
        server.start();
        return new AdminServer(server, threads, stream);
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
        threads.shutdownNow();
    }
}
