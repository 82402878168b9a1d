package io.shoal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app in-process on {@code 127.0.0.1:0}, driven over real HTTP. */
class DemoServerTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Identity ID = new Identity("web-1", "box", START, "7");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private DemoServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private void start(int maxConcurrency, Clock clock, boolean startUnhealthy) throws IOException {
        DemoOptions options = new DemoOptions("127.0.0.1", 0, ID.instance(), maxConcurrency, Duration.ZERO,
                false, startUnhealthy, Duration.ofSeconds(5), ID.version());
        server = DemoServer.start(options, ID, clock);
    }

    private void start(int maxConcurrency) throws IOException {
        start(maxConcurrency, Clock.systemUTC(), false);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(request(pathAndQuery), BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
        return client.sendAsync(request(pathAndQuery), BodyHandlers.ofString());
    }

    private HttpRequest request(String pathAndQuery) {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery);
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as("%s in %s", field, json).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void rootAnswersSeedShapedJson() throws Exception {
        start(1, Clock.fixed(START.plusMillis(12_500), ZoneOffset.UTC), false);

        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello from Shoal demo app\",\"instance\":\"web-1\","
                + "\"hostname\":\"box\",\"uptime\":12.500,\"startTime\":\"2026-01-01T00:00:00.000Z\","
                + "\"timestamp\":\"2026-01-01T00:00:12.500Z\",\"version\":\"7\"}");
    }

    @Test
    void failTurnsHealthTo503UntilRecover() throws Exception {
        start(1);
        assertThat(get("/health")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"healthy\",\"instance\":\"web-1\"}");
        });

        HttpResponse<String> fail = get("/fail");
        assertThat(fail.statusCode()).isEqualTo(200);
        assertThat(fail.body()).contains("\"status\":\"unhealthy\"", "\"instance\":\"web-1\"");
        assertThat(get("/health")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"status\":\"unhealthy\",\"instance\":\"web-1\"}");
        });
        assertThat(get("/").statusCode()).as("only /health changes").isEqualTo(200);

        HttpResponse<String> recover = get("/recover");
        assertThat(recover.statusCode()).isEqualTo(200);
        assertThat(recover.body()).contains("\"status\":\"healthy\"");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void startUnhealthyAnswers503FromTheStart() throws Exception {
        start(1, Clock.systemUTC(), true);

        assertThat(get("/health").statusCode()).isEqualTo(503);
        get("/recover");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void workWaitsTheRequestedTime() throws Exception {
        start(1);
        long start = System.nanoTime();

        HttpResponse<String> response = get("/work?ms=200");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
        assertThat(response.body()).contains("\"instance\":\"web-1\"", "\"work\":\"work\"", "\"requestedMs\":200");
        assertThat(number(response.body(), "elapsedMs")).isGreaterThanOrEqualTo(200L);
    }

    @Test
    void cpuIntensiveBurnsTheRequestedTime() throws Exception {
        start(1);

        HttpResponse<String> response = get("/cpu-intensive?ms=100");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"work\":\"cpu-intensive\"", "\"requestedMs\":100", "\"result\":");
        assertThat(number(response.body(), "elapsedMs")).isGreaterThanOrEqualTo(100);
    }

    @Test
    void badParameterIs400AndUnknownPathIs404() throws Exception {
        start(1);

        HttpResponse<String> bad = get("/work?ms=soon");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\":\"ms must be a whole number");
        HttpResponse<String> missing = get("/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"path\":\"/nope\"");
    }

    /** The capacity a replica adds: with one worker two slow requests run one after the other, with two together. */
    @Test
    void maxConcurrencyBoundsParallelWork() throws Exception {
        long serialMillis = twoConcurrentWorks(1, 400);
        close();
        long parallelMillis = twoConcurrentWorks(2, 400);

        assertThat(serialMillis).as("max-concurrency 1").isGreaterThanOrEqualTo(800);
        assertThat(parallelMillis).as("max-concurrency 2").isLessThan(serialMillis);
    }

    private long twoConcurrentWorks(int maxConcurrency, int ms) throws Exception {
        start(maxConcurrency);
        get("/work?ms=0"); // warm up the client and server paths
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> a = getAsync("/work?ms=" + ms);
        CompletableFuture<HttpResponse<String>> b = getAsync("/work?ms=" + ms);
        assertThat(a.get().statusCode()).isEqualTo(200);
        assertThat(b.get().statusCode()).isEqualTo(200);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void healthAnswersWhileEveryWorkerIsBusy() throws Exception {
        start(1);
        CompletableFuture<HttpResponse<String>> slow = getAsync("/work?ms=3000");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (number(get("/stats").body(), "active") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        HttpResponse<String> health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(slow).as("the slow request still holds the only worker").isNotDone();
        assertThat(get("/stats").body()).contains("\"maxConcurrency\":1", "\"active\":1", "\"queued\":0");
    }
}
