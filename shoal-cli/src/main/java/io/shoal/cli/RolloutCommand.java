package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.admin.AdminServer;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shoal rollout web --env APP_VERSION=2}: a rolling update of a service's replicas to new
 * environment values, one replica at a time, each new one healthy before an old one is drained. Exit
 * status 1 when it was rolled back.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = {"Replace a service's replicas, one at a time, with ones started with new environment values.",
                "A new replica that does not become healthy stops the rollout and rolls it back (exit status 1)."})
final class RolloutCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service whose replicas to replace.")
    String service;

    @Option(names = {"-e", "--env"}, required = true, paramLabel = "NAME=VALUE",
            description = "An environment value of the new replicas (others stay as they are); repeat for more.")
    Map<String, String> env;

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        System.out.println("shoal: rolling out " + service + " with " + env.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))
                + ", one replica at a time ...");
        try {
            JsonNode answer = admin.client().post("/services/" + service + "/rollout", Map.of("env", env),
                    AdminServer.DEFAULT_OPERATION_TIMEOUT.plusSeconds(30));
            System.out.println("shoal: " + answer.path("message").asText());
            return 0;
        } catch (AdminClient.Failure e) {
            System.err.println("shoal: " + e.getMessage());
            return 1;
        }
    }
}
