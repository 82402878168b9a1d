package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shoal logs web-2} or {@code shoal logs web [-f]}: what replicas printed. For a replica, the last
 * 1000 lines it keeps; for a service, every replica's lines in the order they came, prefixed
 * {@code web-2 | } as {@code up} prints them, from the service's own log: with {@code -f} that follows
 * replicas that start later and keeps the last lines of those a rollout or a scale-down stopped, until
 * Ctrl-C or until Shoal stops.
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

    private enum Source { REPLICA, SERVICE }

    @Override
    public Integer call() throws InterruptedException {
        AdminClient client = admin.client();
        Source source = null;
        try {
            source = resolve(client.get("/replicas"));
            String path = (source == Source.SERVICE ? "/services/" : "/replicas/") + name + "/logs?since=";
            ReplicaConsole console = new ReplicaConsole(System.out);
            long since = 0;
            while (true) {
                JsonNode page = client.get(path + since);
                long next = page.path("next").asLong();
                if (next < since) { // a new replica under an old id: its log starts again from 0
                    since = 0;
                    continue;
                }
                since = next;
                print(page, source, console);
                if (!follow) {
                    return 0;
                }
                Thread.sleep(FOLLOW_INTERVAL_MILLIS);
            }
        } catch (AdminClient.Failure e) {
            if (follow && e.unreachable() && source != null) {
                System.err.println("shoal: Shoal stopped");
                return 0;
            }
            System.err.println("shoal: " + e.getMessage());
            return 1;
        }
    }

    /** Whether {@link #name} is a replica or a service; a failure when it is neither. */
    private Source resolve(JsonNode answer) throws AdminClient.Failure {
        for (JsonNode replica : answer.path("replicas")) {
            if (replica.path("id").asText().equals(name)) {
                return Source.REPLICA;
            }
        }
        for (JsonNode service : answer.path("services")) {
            if (service.asText().equals(name)) {
                return Source.SERVICE;
            }
        }
        throw new AdminClient.Failure(404, "no replica or service named " + name + " ('shoal ps' lists them)");
    }

    private static void print(JsonNode page, Source source, ReplicaConsole console) {
        for (JsonNode line : page.path("lines")) {
            if (source == Source.SERVICE) {
                console.line(line.path("replica").asText(), line.path("text").asText());
            } else {
                System.out.println(line.asText());
            }
        }
        System.out.flush();
    }
}
