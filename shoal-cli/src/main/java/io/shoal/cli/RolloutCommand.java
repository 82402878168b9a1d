package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.admin.AdminServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shoal rollout web --env APP_VERSION=2}: a rolling update of a service's replicas to new
 * environment values, one replica at a time, each new one healthy before an old one is drained; or,
 * with {@code --blue-green}, the whole new set at once with an instant {@code --switch-back}. Exit
 * status 1 when it was rolled back.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = {"Replace a service's replicas, one at a time, with ones started with new environment values.",
                "A new replica that does not become healthy stops the rollout and rolls it back (exit status 1).",
                "--blue-green starts the whole new set and switches traffic at once when all are ready, keeping the "
                        + "previous set for --keep; --switch-back puts it back in front."})
final class RolloutCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service whose replicas to replace.")
    String service;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE",
            description = "An environment value of the new replicas (others stay as they are); repeat for more.")
    Map<String, String> env;

    @Option(names = "--blue-green", description = "Start the whole new set, then switch traffic at once.")
    boolean blueGreen;

    @Option(names = "--keep", defaultValue = "5m", paramLabel = "DURATION",
            description = "With --blue-green: how long the previous set is kept for --switch-back (default 5m).")
    String keep;

    @Option(names = "--switch-back", description = "After --blue-green: put the previous set back in front.")
    boolean switchBack;

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        try {
            if (switchBack) {
                JsonNode answer = admin.client().post("/services/" + service + "/switch-back", Map.of(),
                        Duration.ofSeconds(30));
                System.out.println("shoal: " + answer.path("message").asText());
                return 0;
            }
            if (env == null || env.isEmpty()) {
                System.err.println("shoal: rollout needs --env NAME=VALUE (or --switch-back)");
                return 2;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("env", env);
            if (blueGreen) {
                body.put("strategy", "blue-green");
                body.put("keep", keep);
            }
            System.out.println("shoal: rolling out " + service + " with " + env.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))
                    + (blueGreen ? ", blue-green ..." : ", one replica at a time ..."));
            JsonNode answer = admin.client().post("/services/" + service + "/rollout", body,
                    AdminServer.DEFAULT_OPERATION_TIMEOUT.plusSeconds(30));
            System.out.println("shoal: " + answer.path("message").asText());
            return 0;
        } catch (AdminClient.Failure e) {
            System.err.println("shoal: " + e.getMessage());
            return e.exitCode();
        }
    }
}
