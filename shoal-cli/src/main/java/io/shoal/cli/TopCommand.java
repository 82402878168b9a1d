package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shoal top}: {@code docker stats} joined with the load balancer's figures, one line per server,
 * redrawn every second until Ctrl-C: the replica's CPU and memory beside the requests the balancer sent it.
 */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"A live view, refreshed every second: per server its replica's CPU %% and memory, and the "
                + "balancer's request rate, errors, p95 and requests in flight.", "Ctrl-C stops it."})
final class TopCommand implements Callable<Integer> {
    static final List<String> HEADER = List.of("SERVER", "REPLICA", "STATE", "CPU %", "MEM", "REQ/S", "ERR/S",
            "P95 MS", "IN-FLIGHT");
    private static final long REFRESH_MILLIS = 1000;
    /** Home and clear screen, as top does; only on a terminal, so that piped output stays plain. */
    private static final String CLEAR = "\033[H\033[2J";

    @Option(names = {"-n", "--iterations"}, paramLabel = "N", description = "Stop after N screens (default: until Ctrl-C).")
    int iterations;

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() throws InterruptedException {
        AdminClient client = admin.client();
        boolean terminal = System.console() != null;
        for (int screen = 1; iterations <= 0 || screen <= iterations; screen++) {
            String text;
            try {
                text = render(client.get("/services"), client.get("/replicas"), client.address());
            } catch (AdminClient.Failure e) {
                System.err.println("shoal: " + e.getMessage());
                return e.exitCode();
            }
            System.out.print((terminal ? CLEAR : screen > 1 ? "\n" : "") + text);
            System.out.flush();
            if (iterations <= 0 || screen < iterations) {
                Thread.sleep(REFRESH_MILLIS);
            }
        }
        return 0;
    }

    static String render(JsonNode services, JsonNode replicas, String address) {
        Map<String, JsonNode> byId = new HashMap<>();
        replicas.path("replicas").forEach(replica -> byId.put(replica.path("id").asText(), replica));
        List<List<String>> rows = new ArrayList<>(List.of(HEADER));
        for (JsonNode service : services.path("services")) {
            for (JsonNode server : service.path("servers")) {
                JsonNode replica = byId.getOrDefault(server.path("replica").asText(""), null);
                double cpu = replica == null ? -1 : replica.path("cpuPercent").asDouble(-1);
                rows.add(List.of(service.path("name").asText() + "/" + server.path("address").asText(),
                        server.path("replica").asText("-"), server.path("state").asText(),
                        cpu < 0 ? "-" : String.format(Locale.ROOT, "%.1f", cpu),
                        replica == null ? "-" : PsCommand.bytes(replica.path("rssBytes").asLong(-1)),
                        StatusCommand.number(server.path("requestRate")), StatusCommand.number(server.path("errorRate")),
                        StatusCommand.number(server.path("p95Millis")), server.path("inFlight").asText()));
            }
        }
        return "shoal top - " + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " - admin " + address
                + " - rates over " + services.path("windowSeconds").asInt() + "s\n\n" + PsCommand.table(rows);
    }
}
