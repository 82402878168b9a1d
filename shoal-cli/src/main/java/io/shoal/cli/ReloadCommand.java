package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code shoal reload}: {@code nginx -s reload}. The running Shoal reads its configuration file again
 * and applies only the difference; an invalid file changes nothing and its problems are printed.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Re-read the configuration file of the running Shoal and apply what changed, without a restart "
                + "or a dropped connection (as SIGHUP does).", "An invalid file changes nothing: its problems are printed."})
final class ReloadCommand implements Callable<Integer> {
    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        try {
            JsonNode answer = admin.client().post("/reload", java.util.Map.of(), java.time.Duration.ofSeconds(30));
            StringBuilder out = new StringBuilder("shoal: reloaded " + answer.path("source").asText() + ": "
                    + answer.path("message").asText() + "\n");
            answer.path("changes").forEach(change -> out.append("  ").append(change.asText()).append('\n'));
            System.out.print(out);
            return 0;
        } catch (AdminClient.Failure e) {
            StringBuilder err = new StringBuilder("shoal: " + e.getMessage() + "\n");
            if (e.body() != null) {
                e.body().path("problems").forEach(problem -> err.append("  ").append(problem.asText()).append('\n'));
            }
            System.err.print(err);
            return e.exitCode();
        }
    }
}
