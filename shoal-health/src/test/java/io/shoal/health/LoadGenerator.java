package io.shoal.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of GETs at a fixed rate (seed 000's {@code while true; do curl ...; done}, but paced),
 * with at most {@link #MAX_IN_FLIGHT} outstanding so that a stall cannot pile up unbounded work.
 * Records every outcome.
 */
final class LoadGenerator implements AutoCloseable {
    static final int MAX_IN_FLIGHT = 64;

    /** One request: when it was sent and answered, and the status and body, or the error. */
    record Sample(long sentNanos, long doneNanos, int status, String body, Throwable error) {
        boolean ok() {
            return error == null && status == 200;
        }
    }

    final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    /** Ticks that found {@link #MAX_IN_FLIGHT} requests outstanding and sent nothing. */
    final AtomicInteger skipped = new AtomicInteger();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "load-pacer");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore window = new Semaphore(MAX_IN_FLIGHT);
    private final HttpRequest request;
    private final long startedNanos = System.nanoTime();
    private volatile long stoppedNanos;

    LoadGenerator(URI uri, int perSecond) {
        this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
        pacer.scheduleAtFixedRate(this::fire, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        if (!window.tryAcquire()) {
            skipped.incrementAndGet();
            return;
        }
        long sent = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long done = System.nanoTime();
            samples.add(error == null ? new Sample(sent, done, response.statusCode(), response.body(), null)
                    : new Sample(sent, done, 0, null, error));
            window.release();
        });
    }

    /** Stops sending and waits for the requests still out. */
    void stop() throws InterruptedException {
        if (stoppedNanos == 0) {
            pacer.shutdownNow();
            pacer.awaitTermination(5, TimeUnit.SECONDS);
            stoppedNanos = System.nanoTime();
            if (!window.tryAcquire(MAX_IN_FLIGHT, 15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("requests still outstanding 15 s after the load stopped");
            }
            window.release(MAX_IN_FLIGHT);
        }
    }

    int completed() {
        return samples.size();
    }

    List<Sample> failures() {
        return samples.stream().filter(s -> !s.ok()).toList();
    }

    /** Requests answered per second, over the time the load ran. */
    double ratePerSecond() {
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        return samples.size() * 1e9 / (end - startedNanos);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
