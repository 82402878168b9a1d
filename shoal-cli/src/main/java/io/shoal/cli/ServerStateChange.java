package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code shoal drain}, {@code maint} and {@code ready} share: HAProxy's {@code set server ... state}. */
final class ServerStateChange {
    private ServerStateChange() {}

    /** Sets {@code state} ({@code ready}, {@code drain}, {@code maint}) and prints the server's new state. */
    static int set(AdminOptions admin, String target, String state, CommandSpec spec) {
        ServerTarget server = ServerTarget.parse(target, spec);
        try {
            JsonNode answer = admin.client().put(server.path() + "/state", Map.of("state", state));
            System.out.println(server.service() + "/" + answer.path("server").asText() + " is "
                    + answer.path("state").asText() + " (" + answer.path("reason").asText() + ")");
            return 0;
        } catch (AdminClient.Failure e) {
            System.err.println("shoal: " + e.getMessage());
            return e.exitCode();
        }
    }
}
