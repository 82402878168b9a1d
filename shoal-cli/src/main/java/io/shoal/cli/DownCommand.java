package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code shoal down}: stops the running Shoal and its replicas, and waits until its process has ended. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the running Shoal (found through .shoal/admin) and every replica, as SIGTERM would.")
final class DownCommand implements Callable<Integer> {
    /** Replicas get their stop grace period (10s by default) and the drain; this covers both with room. */
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() throws InterruptedException {
        AdminClient client;
        JsonNode answer;
        try {
            client = admin.client();
            answer = client.post("/shutdown", Map.of(), Duration.ofSeconds(10));
        } catch (AdminClient.NoShoalFound e) {
            // As compose down: a Shoal that is not there is already down, so a script can run this twice.
            System.out.println("shoal: nothing to stop: " + e.getMessage());
            return 0;
        } catch (AdminClient.Failure e) {
            if (e.unreachable()) {
                System.out.println("shoal: nothing to stop: " + e.getMessage());
                return 0;
            }
            System.err.println("shoal: " + e.getMessage());
            return 1;
        }
        long pid = answer.path("pid").asLong(-1);
        System.out.println("shoal: stopping Shoal at " + client.address() + " (pid " + pid + ") and its replicas ...");
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            try {
                process.get().onExit().get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                System.err.println("shoal: pid " + pid + " is still running after " + WAIT.toSeconds() + "s");
                return 1;
            }
        }
        System.out.println("shoal: stopped");
        return 0;
    }
}
