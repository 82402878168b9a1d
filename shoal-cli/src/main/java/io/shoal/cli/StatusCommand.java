package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code shoal status}: one screen on the running Shoal, HAProxy's stats page in a terminal. The services
 * (replicas ready of desired, servers up, rate, errors, p95), then every server, then the replicas that are
 * not ready. Figures are the admin API's, over its last {@code windowSeconds}.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "One-screen summary: services, servers, their state, request rate, errors, p95, replicas.")
final class StatusCommand implements Callable<Integer> {
    static final List<String> SERVICE_HEADER =
            List.of("SERVICE", "BALANCE", "REPLICAS", "SERVERS", "UP", "REQ/S", "ERR/S", "P95 MS", "IN-FLIGHT");
    static final List<String> SERVER_HEADER =
            List.of("SERVER", "REPLICA", "STATE", "WEIGHT", "REQ/S", "ERR/S", "P95 MS", "IN-FLIGHT", "WHY");

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        try {
            AdminClient client = admin.client();
            System.out.print(render(client.get("/services"), client.get("/replicas")));
            return 0;
        } catch (AdminClient.Failure e) {
            System.err.println("shoal: " + e.getMessage());
            return e.exitCode();
        }
    }

    static String render(JsonNode services, JsonNode replicas) {
        List<List<String>> serviceRows = new ArrayList<>(List.of(SERVICE_HEADER));
        List<List<String>> serverRows = new ArrayList<>(List.of(SERVER_HEADER));
        for (JsonNode service : services.path("services")) {
            serviceRows.add(serviceRow(service));
            for (JsonNode server : service.path("servers")) {
                serverRows.add(serverRow(service.path("name").asText(), server));
            }
        }
        StringBuilder out = new StringBuilder(PsCommand.table(serviceRows)).append('\n')
                .append(PsCommand.table(serverRows));
        List<String> notReady = new ArrayList<>();
        for (JsonNode replica : replicas.path("replicas")) {
            if (!replica.path("state").asText().equals("READY")) {
                notReady.add(replica.path("id").asText() + " " + replica.path("state").asText()
                        + " (" + replica.path("message").asText("") + ")");
            }
        }
        if (!notReady.isEmpty()) {
            out.append("\nreplicas not ready: ").append(String.join(", ", notReady)).append('\n');
        }
        out.append("\nfigures over the last ").append(services.path("windowSeconds").asInt()).append("s\n");
        return out.toString();
    }

    static List<String> serviceRow(JsonNode service) {
        JsonNode totals = service.path("totals");
        JsonNode replicas = service.path("replicas");
        return List.of(service.path("name").asText(), service.path("balance").asText(),
                replicas.isObject() ? replicas.path("ready").asInt() + "/" + replicas.path("desired").asInt() : "-",
                totals.path("servers").asText(), totals.path("up").asText(),
                number(totals.path("requestRate")), number(totals.path("errorRate")), number(totals.path("p95Millis")),
                totals.path("inFlight").asText());
    }

    static List<String> serverRow(String service, JsonNode server) {
        return List.of(service + "/" + server.path("address").asText(), server.path("replica").asText("-"),
                server.path("state").asText(), server.path("weight").asText(),
                number(server.path("requestRate")), number(server.path("errorRate")), number(server.path("p95Millis")),
                server.path("inFlight").asText(), server.path("reason").asText());
    }

    /** One decimal: {@code 12.3}. */
    static String number(JsonNode value) {
        return String.format(Locale.ROOT, "%.1f", value.asDouble());
    }
}
