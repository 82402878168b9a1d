package io.shoal.admin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.shoal.admin.AdminSources;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/stream}: server-sent events for the dashboard. A client first gets a {@code history}
 * event and the last {@code tick}, then a {@code tick} every second (see {@link StreamFigures}). The admin's two
 * request threads only answer the head and hand the exchange over: one thread of the stream's own builds each
 * tick once and writes it to every open stream, and drops a stream whose client went away (its write fails).
 * {@link #close()} ends every stream.
 *
 * <p>Threading: the set of streams is shared with the request threads; everything else is the stream thread's.
 */
public final class EventStream implements HttpHandler, AutoCloseable {
    public static final String PATH = "/api/v1/stream";
    /** Each open stream costs one write a second on one thread; beyond this many, a client gets 503. */
    static final int MAX_STREAMS = 32;

    private final StreamFigures figures;
    private final ScheduledExecutorService thread;
    private final Set<HttpExchange> streams = ConcurrentHashMap.newKeySet();
    private byte[] lastTick;

    private EventStream(StreamFigures figures, ScheduledExecutorService thread) {
        this.figures = figures;
        this.thread = thread;
    }

    /**
     * Starts ticking at once, with or without clients, so that a client connecting later also gets the
     * replica counts of the minutes before (nothing else keeps them over time).
     */
    public static EventStream start(AdminSources sources) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shoal-admin-stream");
            t.setDaemon(true);
            return t;
        });
        EventStream stream = new EventStream(new StreamFigures(sources), thread);
        thread.scheduleAtFixedRate(stream::tickQuietly, 0, 1, TimeUnit.SECONDS);
        return stream;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().close();
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            Exchanges.errorQuietly(exchange, 404, "no such endpoint: " + exchange.getRequestURI().getPath());
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            Exchanges.errorQuietly(exchange, 405, exchange.getRequestMethod() + " is not allowed here; use GET");
            return;
        }
        if (streams.size() >= MAX_STREAMS) {
            Exchanges.errorQuietly(exchange, 503, MAX_STREAMS + " streams are open already; close one and retry");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        try {
            thread.execute(() -> open(exchange));
        } catch (RejectedExecutionException e) { // stopping
            exchange.close();
        }
    }

    /** On the stream thread, so that the history comes before the first tick. */
    private void open(HttpExchange exchange) {
        streams.add(exchange);
        byte[] history = event("history", figures.history(System.currentTimeMillis()));
        if (write(exchange, history) && lastTick != null) {
            write(exchange, lastTick);
        }
    }

    private void tickQuietly() {
        try {
            lastTick = event("tick", figures.tick(System.currentTimeMillis()));
            for (HttpExchange exchange : streams) {
                write(exchange, lastTick);
            }
        } catch (RuntimeException e) {
            System.err.println("shoal: dashboard stream tick failed: " + e); // the next second tries again
        }
    }

    /** Writes one event; false, and the stream is dropped, when the client has gone. */
    private boolean write(HttpExchange exchange, byte[] event) {
        try {
            OutputStream out = exchange.getResponseBody();
            out.write(event);
            out.flush();
            return true;
        } catch (IOException e) {
            drop(exchange);
            return false;
        }
    }

    private void drop(HttpExchange exchange) {
        streams.remove(exchange);
        exchange.close();
    }

    private static byte[] event(String name, ObjectNode data) {
        try {
            return ("event: " + name + "\ndata: " + Exchanges.JSON.writeValueAsString(data) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stream's JSON", e);
        }
    }

    /** Stops ticking and ends every stream; clients see the end of the response. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.forEach(this::drop);
    }
}
