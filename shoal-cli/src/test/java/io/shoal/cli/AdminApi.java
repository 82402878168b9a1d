package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The admin endpoint of the Shoal running in a directory, read directly (faster than running {@code shoal ps}). */
final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    AdminApi(Path dir) {
        this.dir = dir;
    }

    /** Waits for {@code .shoal/admin} to appear. */
    AdminApi await() {
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> Files.isRegularFile(dir.resolve(".shoal/admin")));
        return this;
    }

    JsonNode replicas() throws IOException, InterruptedException {
        String address = Files.readString(dir.resolve(".shoal/admin")).trim();
        HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://" + address + "/api/v1/replicas")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("replicas");
    }

    /** Ids of the READY replicas. */
    List<String> ready() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonNode r : replicas()) {
            if (r.path("state").asText().equals("READY")) {
                ids.add(r.path("id").asText());
            }
        }
        return ids;
    }

    /** Waits until exactly {@code n} replicas exist and all are READY. */
    void awaitReady(int n, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> replicas().size() == n && ready().size() == n);
    }

    JsonNode replica(String id) throws IOException, InterruptedException {
        for (JsonNode r : replicas()) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        return null;
    }

    List<Long> pids() throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        for (JsonNode r : replicas()) {
            pids.add(r.path("pid").asLong());
        }
        return pids;
    }
}
