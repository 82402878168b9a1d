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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/stream}: server-sent events for the dashboard. A client first gets a {@code history}
 * event and the last {@code tick}, then a {@code tick} every second (see {@link StreamFigures}). The admin's two
 * request threads only answer the head and hand the exchange over: one thread of the stream's own builds each
 * tick once and hands it to every open stream, and drops a stream whose client went away (its write fails).
 * Writes block (the JDK server has no write timeout), so they run on writer threads, one write per stream at
 * a time: a client that stops reading holds up only its own stream, which skips ticks until the client reads
 * again (each tick repeats the last few seconds) or goes away. {@link #close()} ends every stream.
 *
 * <p>Threading: the set of streams is shared with the request threads; {@link Stream#writing} with the
 * writers; everything else is the stream thread's.
 */
public final class EventStream implements HttpHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.admin");
    public static final String PATH = "/api/v1/stream";
    /**
     * Each open stream costs one write a second, and a writer thread while its client is not reading; beyond
     * this many, a client gets 503.
     */
    static final int MAX_STREAMS = 32;

    private final StreamFigures figures;
    private final ScheduledExecutorService thread;
    private final ExecutorService writers;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private byte[] lastTick;

    /** One client's stream; {@code writing} while a write to it is under way, so that writes never overlap. */
    private record Stream(HttpExchange exchange, AtomicBoolean writing) {}

    private EventStream(StreamFigures figures, ScheduledExecutorService thread, ExecutorService writers) {
        this.figures = figures;
        this.thread = thread;
        this.writers = writers;
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
        // Cached: a stream has at most one write under way, so there are never more writers than streams.
        ExecutorService writers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "shoal-admin-stream-writer");
            t.setDaemon(true);
            return t;
        });
        EventStream stream = new EventStream(new StreamFigures(sources), thread, writers);
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
        Stream stream = new Stream(exchange, new AtomicBoolean(true));
        streams.add(stream);
        byte[] history = event("history", figures.history(System.currentTimeMillis()));
        byte[] tick = lastTick;
        write(stream, tick == null ? new byte[][] {history} : new byte[][] {history, tick});
    }

    private void tickQuietly() {
        try {
            lastTick = event("tick", figures.tick(System.currentTimeMillis()));
            for (Stream stream : streams) {
                if (stream.writing().compareAndSet(false, true)) {
                    write(stream, lastTick);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("dashboard stream tick failed; the next second tries again", e);
        }
    }

    /** Hands the events to a writer; the caller has set {@code writing}, which the writer clears. */
    private void write(Stream stream, byte[]... events) {
        try {
            writers.execute(() -> {
                if (writeNow(stream.exchange(), events)) {
                    stream.writing().set(false);
                } else {
                    drop(stream);
                }
            });
        } catch (RejectedExecutionException e) { // stopping
            drop(stream);
        }
    }

    /** False when the client has gone. */
    private static boolean writeNow(HttpExchange exchange, byte[]... events) {
        try {
            OutputStream out = exchange.getResponseBody();
            for (byte[] event : events) {
                out.write(event);
            }
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void drop(Stream stream) {
        streams.remove(stream);
        stream.exchange().close();
    }

    private static byte[] event(String name, ObjectNode data) {
        try {
            return ("event: " + name + "\ndata: " + Exchanges.JSON.writeValueAsString(data) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stream's JSON", e);
        }
    }

    /**
     * Stops ticking and ends every stream; clients see the end of the response. A writer blocked on a client
     * that does not read is interrupted, which closes that connection.
     */
    @Override
    public void close() {
        thread.shutdownNow();
        writers.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.forEach(this::drop);
    }
}
