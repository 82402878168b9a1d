package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shoal logs web-2} or {@code shoal logs web [-f]}: what replicas printed (the last 1000 lines
 * each keeps). For a service, every replica's lines, prefixed {@code web-2 | } as {@code up} prints
 * them; with {@code -f}, new lines as they come, replicas that start later included, until Ctrl-C or
 * until Shoal stops.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the output of a replica (web-2) or of every replica of a service (web).")
final class LogsCommand implements Callable<Integer> {
    private static final long FOLLOW_INTERVAL_MILLIS = 500;

    @Parameters(index = "0", paramLabel = "REPLICA|SERVICE", description = "A replica id such as web-2, or a service name.")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines.")
    boolean follow;

    @Mixin
    AdminOptions admin;

    private final Map<String, Long> positions = new HashMap<>();
    private int width;

    @Override
    public Integer call() throws InterruptedException {
        AdminClient client = admin.client();
        try {
            Target target = resolve(client.get("/replicas"));
            while (true) {
                for (String id : target.ids) {
                    print(client, id, target.prefixed);
                }
                System.out.flush();
                if (!follow) {
                    return 0;
                }
                Thread.sleep(FOLLOW_INTERVAL_MILLIS);
                if (target.prefixed) {
                    target = resolve(client.get("/replicas"));
                }
            }
        } catch (AdminClient.Failure e) {
            if (follow && e.unreachable() && !positions.isEmpty()) {
                System.err.println("shoal: Shoal stopped");
                return 0;
            }
            System.err.println("shoal: " + e.getMessage());
            return 1;
        }
    }

    /** The replica named so, or the replicas of the service named so (prefixed); a failure when neither exists. */
    private Target resolve(JsonNode answer) throws AdminClient.Failure {
        List<String> ofService = new ArrayList<>();
        for (JsonNode replica : answer.path("replicas")) {
            if (replica.path("id").asText().equals(name)) {
                return new Target(List.of(name), false);
            }
            if (replica.path("service").asText().equals(name)) {
                ofService.add(replica.path("id").asText());
            }
        }
        boolean isService = false;
        for (JsonNode service : answer.path("services")) {
            isService |= service.asText().equals(name);
        }
        if (!isService) {
            throw new AdminClient.Failure(404, "no replica or service named " + name + " ('shoal ps' lists them)");
        }
        return new Target(ofService, true);
    }

    private void print(AdminClient client, String id, boolean prefixed) throws AdminClient.Failure {
        long since = positions.getOrDefault(id, 0L);
        JsonNode page;
        try {
            page = client.get("/replicas/" + id + "/logs?since=" + since);
        } catch (AdminClient.Failure e) {
            if (e.status() == 404 && prefixed) {
                positions.remove(id); // retired since the list was read
                return;
            }
            throw e;
        }
        long next = page.path("next").asLong();
        if (next < since) { // a new replica under an old id: its log starts again from 0
            positions.put(id, 0L);
            print(client, id, prefixed);
            return;
        }
        positions.put(id, next);
        width = Math.max(width, id.length());
        for (JsonNode line : page.path("lines")) {
            System.out.println(prefixed ? ReplicaConsole.prefix(id, width) + line.asText() : line.asText());
        }
    }

    private record Target(List<String> ids, boolean prefixed) {}
}
