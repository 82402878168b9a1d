package io.shoal.admin;

import com.sun.net.httpserver.HttpServer;
import io.shoal.admin.internal.ApiHandler;
import io.shoal.admin.internal.EventRoutes;
import io.shoal.admin.internal.ReplicaRoutes;
import io.shoal.autoscaler.EventLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The admin endpoint: a small JSON API under {@code /api/v1} that {@code shoal ps}, {@code scale},
 * {@code logs}, {@code rollout} and {@code down} talk to. It runs on the JDK's HTTP server with two
 * threads of its own, never on the data plane's event loops, and binds to loopback only: it has no
 * authentication yet.
 *
 * <pre>
 * GET  /api/v1/replicas                      every replica, as shoal ps shows it
 * GET  /api/v1/replicas/{id}/logs?since=N    a replica's output after position N
 * POST /api/v1/services/{name}/scale         {"replicas": N}; answers when done
 * POST /api/v1/services/{name}/rollout       {"env": {"K": "V"}}; 409 when rolled back
 * POST /api/v1/shutdown                      stops Shoal as SIGTERM does
 * GET  /api/v1/events?service=&since=&all=   the autoscaler's decisions, alerts and replica-hours
 * </pre>
 */
public final class AdminServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 9901;
    /** How long a scale or rollout request waits for the operation before answering 504. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofMinutes(5);

    private final HttpServer server;
    private final ExecutorService threads;

    private AdminServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Binds {@code address} (a loopback address; port 0 picks a free one) and starts answering.
     *
     * @param events the autoscaler's decisions, alerts and replica-hours
     * @param shutdown stops Shoal as SIGTERM would (e.g. {@code () -> System.exit(0)}); it runs on a
     *     thread of its own after the answer to {@code POST /api/v1/shutdown} went out
     * @throws IllegalArgumentException if the address is not a loopback address
     */
    public static AdminServer start(InetSocketAddress address, ReplicaControl replicas, EventLog events,
                                    Runnable shutdown, Duration operationTimeout) throws IOException {
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the admin endpoint has no authentication yet and listens on loopback "
                    + "only (127.0.0.1 or ::1), not " + address.getHostString());
        }
        // Without it the JDK server delays small answers by 40 ms (Nagle with delayed ACK). Read once, at first use.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        ExecutorService threads = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
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
        server.createContext("/", new ApiHandler(new ReplicaRoutes(replicas, shutdown, operationTimeout),
                new EventRoutes(events), threads));
        server.start();
        return new AdminServer(server, threads);
    }

    /** The address bound, with the actual port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops answering at once; requests in progress are cut. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
