package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.admin.AdminServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shoal scale web=5 api=2}: compose's {@code --scale}. Each service is scaled at the same time;
 * the command returns when every new replica is ready and every retired one drained and stopped.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Set the number of replicas of services: new ones join the pool once healthy, "
                + "retired ones are drained first.", "Returns when done."})
final class ScaleCommand implements Callable<Integer> {
    private static final Pattern TARGET = Pattern.compile("([^=\\s]+)=(\\d{1,4})");

    @Parameters(arity = "1..*", paramLabel = "SERVICE=N", description = "e.g. web=5; several may be given.")
    List<String> targets;

    @Mixin
    AdminOptions admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Integer> wanted = parse(targets, spec);
        AdminClient client = admin.client();
        Map<String, CompletableFuture<AdminClient.Failure>> results = new LinkedHashMap<>();
        wanted.forEach((service, n) -> results.put(service, CompletableFuture.supplyAsync(() -> scale(client, service, n))));
        int status = 0;
        for (CompletableFuture<AdminClient.Failure> result : results.values()) {
            AdminClient.Failure failure = result.join();
            if (failure != null) {
                System.err.println("shoal: " + failure.getMessage());
                status = Math.max(status, failure.exitCode());
            }
        }
        return status;
    }

    /** Null when done (and said so), else why not. */
    private static AdminClient.Failure scale(AdminClient client, String service, int n) {
        try {
            JsonNode answer = client.post("/services/" + service + "/scale", Map.of("replicas", n),
                    AdminServer.DEFAULT_OPERATION_TIMEOUT.plusSeconds(30));
            System.out.println(answer.path("message").asText() + String.format(Locale.ROOT, " (%.1fs)",
                    answer.path("elapsedMillis").asLong() / 1000.0));
            return null;
        } catch (AdminClient.Failure e) {
            return e;
        }
    }

    /** {@code web=5} pairs, each service once; a usage error (exit 2) otherwise. */
    static Map<String, Integer> parse(List<String> targets, CommandSpec spec) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (String target : targets) {
            Matcher m = TARGET.matcher(target);
            if (!m.matches()) {
                throw new ParameterException(spec.commandLine(),
                        "expected SERVICE=N with N a whole number, e.g. web=5; got '" + target + "'");
            }
            if (wanted.put(m.group(1), Integer.parseInt(m.group(2))) != null) {
                throw new ParameterException(spec.commandLine(), m.group(1) + " is given twice");
            }
        }
        return wanted;
    }
}
