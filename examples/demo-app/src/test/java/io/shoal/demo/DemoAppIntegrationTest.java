package io.shoal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The packaged jar as a real process: start line, environment, startup delay, crash on start, SIGTERM. */
class DemoAppIntegrationTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private DemoProcess app;

    @AfterEach
    void kill() {
        if (app != null) {
            app.close();
        }
    }

    private HttpRequest get(int port, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void sigtermFinishesTheRequestInFlightThenExitsZero() throws Exception {
        app = DemoProcess.start(Map.of("PORT", "0", "INSTANCE_ID", "web-7"), "--max-concurrency", "2");
        int port = app.awaitListening(START_TIMEOUT);
        assertThat(app.stdout()).contains("demo-app web-7 listening on 127.0.0.1:" + port);
        assertThat(client.send(get(port, "/"), BodyHandlers.ofString()).body()).contains("\"instance\":\"web-7\"");

        CompletableFuture<HttpResponse<String>> inFlight =
                client.sendAsync(get(port, "/work?ms=1500"), BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!client.send(get(port, "/stats"), BodyHandlers.ofString()).body().contains("\"active\":1")) {
            assertThat(System.nanoTime() - deadline).as("the /work request reached a worker").isNegative();
            Thread.sleep(10);
        }
        app.terminate();

        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"instance\":\"web-7\"", "\"requestedMs\":1500");
        assertThat(app.awaitExit(Duration.ofSeconds(20))).isZero();
        assertThat(app.stdout()).as("stderr %s", app.stderr()).contains("demo-app web-7 stopping", "demo-app web-7 stopped");
    }

    @Test
    void startupDelayPostponesListening() throws Exception {
        long start = System.nanoTime();
        app = DemoProcess.start(Map.of("INSTANCE_ID", "slow-1", "STARTUP_DELAY", "800ms"), "--port", "0");

        int port = app.awaitListening(START_TIMEOUT);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(800);
        assertThat(app.stdout().get(0)).startsWith("demo-app slow-1 starting");
        assertThat(client.send(get(port, "/health"), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void failOnStartExitsOneWithAMessage() throws Exception {
        app = DemoProcess.start(Map.of("PORT", "0", "INSTANCE_ID", "web-3"), "--fail-on-start");

        assertThat(app.awaitExit(START_TIMEOUT)).isEqualTo(1);
        assertThat(String.join("\n", app.stderr())).contains("demo-app web-3 failing on start");
    }

    @Test
    void missingPortExitsTwoWithUsage() throws Exception {
        app = DemoProcess.start(Map.of());

        assertThat(app.awaitExit(START_TIMEOUT)).isEqualTo(2);
        assertThat(String.join("\n", app.stderr())).contains("no port", "usage:");
    }
}
