package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.config.Defaults;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shoal weight web/127.0.0.1:9001 3}: HAProxy's {@code set server web/s1 weight 3}, until the next reload changes it. */
@Command(name = "weight", mixinStandardHelpOptions = true,
        description = {"Set a server's weight at run time (1 to " + Defaults.MAX_WEIGHT + ").",
                "It lasts until a reload changes that server in the file."})
final class WeightCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVICE/SERVER", description = "e.g. web/127.0.0.1:9001, or web/web-2 for a replica.")
    String target;

    @Parameters(index = "1", paramLabel = "N", description = "The new weight.")
    int weight;

    @Mixin
    AdminOptions admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ServerTarget server = ServerTarget.parse(target, spec);
        if (weight < 1 || weight > Defaults.MAX_WEIGHT) {
            // HAProxy's "weight 0" stops new requests; here that is a state of its own, which 'ready' ends.
            throw new ParameterException(spec.commandLine(), "weight must be between 1 and " + Defaults.MAX_WEIGHT
                    + ", got " + weight + (weight == 0 ? "; to send " + server + " no new requests, use 'shoal drain "
                    + server + "'" : ""));
        }
        try {
            JsonNode answer = admin.client().put(server.path() + "/weight", Map.of("weight", weight));
            System.out.println(server.service() + "/" + answer.path("server").asText() + " has weight "
                    + answer.path("weight").asInt());
            return 0;
        } catch (AdminClient.Failure e) {
            System.err.println("shoal: " + e.getMessage());
            return e.exitCode();
        }
    }
}
