package io.shoal.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What each path answers, as status and JSON; no I/O here. Thread-safe: the only mutable state is the health flag.
 */
final class Endpoints {
    /** Longest {@code ms} accepted by {@code /work} and {@code /cpu-intensive}, so a typo cannot hold a worker for hours. */
    static final long MAX_MILLIS = 60_000;
    static final long DEFAULT_MILLIS = 1_000;

    record Response(int status, String body) {}

    private final Identity id;
    private final Clock clock;
    private final AtomicBoolean healthy;

    Endpoints(Identity id, Clock clock, boolean startHealthy) {
        this.id = id;
        this.clock = clock;
        this.healthy = new AtomicBoolean(startHealthy);
    }

    boolean healthy() {
        return healthy.get();
    }

    /** {@code GET /}: seed 000's JSON, plus {@code version} so a rolling update can be seen in the answers. */
    Response root() {
        Instant now = clock.instant();
        return ok(Json.object()
                .put("message", "Hello from Shoal demo app")
                .put("instance", id.instance())
                .put("hostname", id.hostname())
                .put("uptime", Duration.between(id.startTime(), now).toMillis() / 1000.0)
                .put("startTime", id.startTime())
                .put("timestamp", now)
                .put("version", id.version()));
    }

    /** {@code /health}: 200 while healthy, 503 after {@code /fail} until {@code /recover} (seed 003). */
    Response health() {
        boolean up = healthy.get();
        return new Response(up ? 200 : 503, Json.object()
                .put("status", up ? "healthy" : "unhealthy")
                .put("instance", id.instance())
                .toString());
    }

    Response fail() {
        healthy.set(false);
        return ok(Json.object()
                .put("status", "unhealthy")
                .put("instance", id.instance())
                .put("message", "marked unhealthy: /health answers 503 until /recover"));
    }

    Response recover() {
        healthy.set(true);
        return ok(Json.object()
                .put("status", "healthy")
                .put("instance", id.instance())
                .put("message", "marked healthy: /health answers 200"));
    }

    /** {@code /work?ms=N}: holds a worker thread for N ms without using a core. */
    Response work(String query, long queuedMillis) throws InterruptedException {
        long ms = millis(query);
        long start = System.nanoTime();
        Load.waitFor(ms);
        return ok(timed("work", ms, start, queuedMillis));
    }

    /** {@code /cpu-intensive?ms=N}: keeps a core busy for N ms (seed 000 burns 1000 ms). */
    Response cpuIntensive(String query, long queuedMillis) {
        long ms = millis(query);
        long start = System.nanoTime();
        double result = Load.burnCpu(ms);
        return ok(timed("cpu-intensive", ms, start, queuedMillis).put("result", result));
    }

    Response notFound(String path) {
        return new Response(404, Json.object()
                .put("error", "not found")
                .put("path", path)
                .put("instance", id.instance())
                .toString());
    }

    Response error(int status, String message) {
        return new Response(status, Json.object()
                .put("error", message)
                .put("instance", id.instance())
                .toString());
    }

    private Json timed(String what, long requestedMs, long startNanos, long queuedMillis) {
        return Json.object()
                .put("instance", id.instance())
                .put("work", what)
                .put("requestedMs", requestedMs)
                .put("elapsedMs", (System.nanoTime() - startNanos) / 1_000_000)
                .put("queuedMs", queuedMillis);
    }

    /** The {@code ms} parameter of a raw query string; {@link IllegalArgumentException} (answered 400) when invalid. */
    static long millis(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return DEFAULT_MILLIS;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("ms=")) {
                String value = pair.substring(3);
                long ms;
                try {
                    ms = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("ms must be a whole number of milliseconds, got '" + value + "'");
                }
                if (ms < 0 || ms > MAX_MILLIS) {
                    throw new IllegalArgumentException("ms must be between 0 and " + MAX_MILLIS + ", got " + ms);
                }
                return ms;
            }
        }
        return DEFAULT_MILLIS;
    }

    private static Response ok(Json json) {
        return new Response(200, json.toString());
    }
}
