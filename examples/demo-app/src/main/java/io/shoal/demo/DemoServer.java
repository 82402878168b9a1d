package io.shoal.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The JDK HTTP server with two thread pools, so that each replica has a finite, visible capacity.
 *
 * <p>The server's dispatcher thread accepts connections and hands each request to the small <em>HTTP pool</em>, which
 * parses it and answers the control endpoints ({@code /health}, {@code /fail}, {@code /recover}, {@code /stats})
 * at once, so a busy replica still answers its health checks. Application endpoints ({@code /}, {@code /work},
 * {@code /cpu-intensive}) go to the <em>worker pool</em>: {@code maxConcurrency} threads over an unbounded FIFO queue.
 * Excess requests wait in that queue (never rejected); their wait is reported as {@code queuedMs}.
 *
 * <p>Threading: an exchange is touched by one thread at a time, first an HTTP thread, then (after the hand-off) one
 * worker, which writes and closes it; {@link #inFlight} counts exchanges from hand-off until the response is closed.
 */
final class DemoServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService http;
    private final ThreadPoolExecutor workers;
    private final Endpoints endpoints;
    private final Identity id;
    private final int maxConcurrency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder completed = new LongAdder();

    private DemoServer(HttpServer server, ExecutorService http, ThreadPoolExecutor workers, Endpoints endpoints,
            Identity id, int maxConcurrency) {
        this.server = server;
        this.http = http;
        this.workers = workers;
        this.endpoints = endpoints;
        this.id = id;
        this.maxConcurrency = maxConcurrency;
    }

    /** Binds {@code options.host():options.port()} and starts serving. */
    static DemoServer start(DemoOptions options, Identity id, Clock clock) throws IOException {
        // Read once, when the JDK's server configuration class loads: without it Nagle and delayed ACK add 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService http = Executors.newFixedThreadPool(Math.max(4, 2 * cores), daemonThreads("demo-http-"));
        ThreadPoolExecutor workers = new ThreadPoolExecutor(options.maxConcurrency(), options.maxConcurrency(),
                0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemonThreads("demo-worker-"));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
        } catch (IOException | RuntimeException e) {
            http.shutdownNow();
            workers.shutdownNow();
            throw e;
        }
        DemoServer demo = new DemoServer(server, http, workers,
                new Endpoints(id, clock, !options.startUnhealthy()), id, options.maxConcurrency());
        server.createContext("/", demo::handle);
        server.setExecutor(http);
        server.start();
        return demo;
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Stops accepting connections and waits up to {@code grace} for the requests in flight (queued ones included);
     * true if none is left. Connections are not closed here: the process exits right after.
     */
    boolean drain(Duration grace) throws InterruptedException {
        // HttpServer.stop closes the listening socket at once, then waits for open exchanges; on JDK 17 it may wait
        // its whole delay even when idle, so it runs aside and this method watches the in-flight count itself.
        int stopSeconds = (int) Math.min(Integer.MAX_VALUE, grace.toSeconds() + 1);
        Thread stopper = new Thread(() -> server.stop(stopSeconds), "demo-stop");
        stopper.setDaemon(true);
        stopper.start();
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        return inFlight.get() == 0;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        http.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        switch (path) {
            case "/health" -> finish(exchange, endpoints.health());
            case "/fail" -> finish(exchange, endpoints.fail());
            case "/recover" -> finish(exchange, endpoints.recover());
            case "/stats" -> finish(exchange, stats());
            case "/", "/work", "/cpu-intensive" -> {
                long queuedAt = System.nanoTime();
                try {
                    workers.execute(() -> finish(exchange, application(path, query, queuedAt)));
                } catch (RejectedExecutionException e) {
                    finish(exchange, endpoints.error(503, "stopping"));
                }
            }
            default -> finish(exchange, endpoints.notFound(path));
        }
    }

    /** Runs on a worker thread. */
    private Endpoints.Response application(String path, String query, long queuedAtNanos) {
        long queuedMillis = (System.nanoTime() - queuedAtNanos) / 1_000_000;
        try {
            return switch (path) {
                case "/work" -> endpoints.work(query, queuedMillis);
                case "/cpu-intensive" -> endpoints.cpuIntensive(query, queuedMillis);
                default -> endpoints.root();
            };
        } catch (IllegalArgumentException e) {
            return endpoints.error(400, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return endpoints.error(503, "stopping");
        } catch (RuntimeException e) {
            return endpoints.error(500, e.toString());
        }
    }

    private Endpoints.Response stats() {
        return new Endpoints.Response(200, Json.object()
                .put("instance", id.instance())
                .put("healthy", endpoints.healthy())
                .put("maxConcurrency", maxConcurrency)
                .put("active", workers.getActiveCount())
                .put("queued", workers.getQueue().size())
                .put("inFlight", inFlight.get())
                .put("completed", completed.sum())
                .toString());
    }

    private void finish(HttpExchange exchange, Endpoints.Response response) {
        try {
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        } finally {
            exchange.close();
            completed.increment();
            inFlight.decrementAndGet();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
