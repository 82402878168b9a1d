package io.shoal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ReplicaScaler} over a running Shoal's admin API ({@code POST /api/v1/services/NAME/scale},
 * {@code GET /api/v1/replicas}): plain HTTP, so the load generator still depends on nothing of Shoal.
 */
public final class AdminApiScaler implements ReplicaScaler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 100;

    private final URI base;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param admin the admin endpoint, e.g. {@code 127.0.0.1:9901}
     * @param token the bearer token scaling needs, or null
     */
    public AdminApiScaler(String admin, String token) {
        this.base = URI.create("http://" + admin + "/api/v1/");
        this.token = token;
    }

    @Override
    public int replicas(String service) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("services/" + service)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode desired = response.statusCode() == 200 ? JSON.readTree(response.body()).path("replicas").path("desired")
                : null;
        if (desired == null || !desired.isInt()) {
            throw new IOException("cannot scale " + service + ": " + (response.statusCode() == 200
                    ? "it has no run block (Shoal runs no replicas of it)" : "HTTP " + response.statusCode() + " "
                    + response.body()));
        }
        return desired.asInt();
    }

    @Override
    public void scale(String service, int replicas) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("services/" + service + "/scale"))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"replicas\":" + replicas + "}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("scaling " + service + " to " + replicas + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    @Override
    public void awaitReady(String service, int replicas, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ready(service) != replicas) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException(service + " did not have " + replicas + " ready replicas within " + timeout);
            }
            Thread.sleep(POLL_MILLIS); // polling a remote API: there is nothing local to wait on
        }
    }

    private int ready(String service) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("replicas")).build(),
                HttpResponse.BodyHandlers.ofString());
        int count = 0;
        for (JsonNode replica : JSON.readTree(response.body()).path("replicas")) {
            if (service.equals(replica.path("service").asText()) && "READY".equals(replica.path("state").asText())) {
                count++;
            }
        }
        return count;
    }
}
