package io.shoal.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.config.Values;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shoal events}: the autoscaler's decisions, one line each, as {@code kubectl describe hpa} lists
 * events, then the alerts standing now and the replica-hours with their cost. A line follows the count
 * through the decision: the figures and what each metric asks for, the highest of them (RAW), kept within
 * min, max and the floor (BOUNDED), after the stabilization window (WINDOW), after the policies (TO).
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "List the autoscaler's decisions (figures per metric, recommendation, what the stabilization "
                + "window and the policies changed, result), the standing alerts and the replica-hours per service.")
final class EventsCommand implements Callable<Integer> {
    static final List<String> HEADER =
            List.of("TIME", "SERVICE", "FROM", "FIGURES", "RAW", "BOUNDED", "WINDOW", "TO", "REASON");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Mixin
    AdminOptions admin;

    @Option(names = "--service", paramLabel = "NAME", description = "Only this service's decisions.")
    String service;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only decisions of the last DURATION, e.g. 10m.")
    String since;

    @Option(names = "--all", description = "Every decision, not only those that changed or held back the count.")
    boolean all;

    @Option(names = "--json", description = "Print the admin API's JSON answer as it is.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        StringBuilder query = new StringBuilder("/events?all=" + all);
        if (service != null) {
            query.append("&service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
        }
        if (since != null) {
            try {
                query.append("&since=").append(System.currentTimeMillis() - Values.duration(since).toMillis());
            } catch (IllegalArgumentException e) {
                System.err.println("shoal events: --since: " + e.getMessage());
                return 2;
            }
        }
        JsonNode answer;
        try {
            answer = admin.client().get(query.toString());
        } catch (AdminClient.Failure e) {
            System.err.println("shoal: " + e.getMessage());
            return e.exitCode();
        }
        if (json) {
            System.out.println(AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        answer.path("events").forEach(event -> rows.add(row(event)));
        System.out.print(PsCommand.table(rows));
        if (rows.size() == 1) {
            System.err.println("(no decisions" + (all ? "" : " that changed or held back a count; --all shows every one")
                    + ": a service scales only with run and autoscale)");
        }
        answer.path("alerts").forEach(alert -> System.out.println("alert " + alert.path("kind").asText() + ": "
                + alert.path("message").asText()));
        answer.path("usage").fields().forEachRemaining(e -> System.out.println(usage(e.getKey(), e.getValue())));
        return 0;
    }

    static List<String> row(JsonNode event) {
        JsonNode d = event.path("decision");
        List<String> figures = new ArrayList<>();
        for (JsonNode m : d.path("metrics")) {
            figures.add(m.path("metric").asText().toLowerCase(Locale.ROOT) + " " + number(m.path("value"))
                    + "/" + number(m.path("target")) + (m.path("replicas").asInt() < 0 ? " -" : " -> " + m.path("replicas").asInt()));
        }
        d.path("rules").forEach(rule -> figures.add("rule " + rule.asText()));
        if (!event.path("forecast").isNull() && !event.path("forecast").isMissingNode()) {
            figures.add("forecast " + number(event.path("forecast").path("rps")) + " rps -> "
                    + event.path("forecast").path("replicas").asInt());
        }
        if (d.path("floor").asInt() > 0) {
            figures.add("floor " + d.path("floor").asInt());
        }
        LocalTime at = Instant.ofEpochMilli(event.path("atMillis").asLong()).atZone(ZoneId.systemDefault()).toLocalTime();
        return List.of(TIME.format(at), event.path("service").asText(), d.path("current").asText(),
                figures.isEmpty() ? "-" : String.join(", ", figures),
                d.path("raw").asInt() < 0 ? "-" : d.path("raw").asText(),
                d.path("recommended").asText(), d.path("stabilized").asText(), d.path("desired").asText(),
                d.path("reason").asText());
    }

    private static String usage(String service, JsonNode u) {
        String line = String.format(Locale.ROOT, "%s: %.2f replica-hours since Shoal started", service,
                u.path("replicaHours").asDouble());
        if (u.path("pricePerReplicaHour").asDouble() > 0) {
            line += String.format(Locale.ROOT, ", cost %.2f at %s per replica-hour", u.path("cost").asDouble(),
                    u.path("pricePerReplicaHour").asText());
        }
        return line;
    }

    /** Up to one decimal, as figures are read; {@code -} for none. */
    private static String number(JsonNode value) {
        if (!value.isNumber()) {
            return "-";
        }
        double v = value.asDouble();
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
