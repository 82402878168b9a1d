package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.config.Counts;
import io.shoal.config.Values;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code shoal up --wait} (compose's {@code up --wait}): after the background Shoal's admin endpoint answers,
 * waits until every service that runs replicas has as many ready (passing their health checks, so taking
 * traffic) as it wants. Services of static servers are not waited for: their servers are not Shoal's to start.
 */
final class ReadyWait {
    private static final long POLL_MILLIS = 200;

    private ReadyWait() {}

    /** 0 once everything is ready; 1, with a sentence naming what is not, when {@code timeout} passes first. */
    static int await(AdminClient client, Duration timeout, Process shoal) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String notReady;
        do {
            try {
                Optional<String> waitingFor = firstNotReady(client.get("/services"));
                if (waitingFor.isEmpty()) {
                    System.out.println("shoal: every service has its replicas ready");
                    return 0;
                }
                notReady = waitingFor.get();
            } catch (AdminClient.Failure e) {
                notReady = e.getMessage();
            }
            if (!shoal.isAlive()) {
                System.err.println("shoal: the background Shoal stopped (exit status " + shoal.exitValue()
                        + ") before every service was ready; see " + StateDir.NAME + "/shoal.log");
                return Launcher.EXIT_START_FAILED;
            }
            Thread.sleep(POLL_MILLIS);
        } while (System.nanoTime() < deadline);
        System.err.println("shoal: not ready after " + Values.formatDuration(timeout) + ": " + notReady
                + ". Shoal keeps running: 'shoal ps' shows the replicas, 'shoal down' stops everything");
        return Launcher.EXIT_START_FAILED;
    }

    /** The first service with fewer ready replicas than it wants, in words. */
    static Optional<String> firstNotReady(JsonNode body) {
        for (JsonNode service : body.path("services")) {
            JsonNode replicas = service.path("replicas");
            int ready = replicas.path("ready").asInt();
            int desired = replicas.path("desired").asInt();
            if (replicas.isObject() && ready < desired) {
                return Optional.of("service " + service.path("name").asText() + " has " + ready + " of "
                        + Counts.of(desired, "replica") + " ready");
            }
        }
        return Optional.empty();
    }
}
