package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code shoal ps}: the replicas of the running Shoal, one line each, as {@code docker compose ps} lists containers. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List the replicas: state, port, pid, uptime, restarts, CPU %%, resident memory, requests in flight.")
final class PsCommand implements Callable<Integer> {
    static final List<String> HEADER =
            List.of("ID", "STATE", "PORT", "PID", "UPTIME", "RESTARTS", "CPU %", "RSS", "IN-FLIGHT");

    @Mixin
    AdminOptions admin;

    @Override
    public Integer call() {
        JsonNode answer;
        try {
            answer = admin.client().get("/replicas");
        } catch (AdminClient.Failure e) {
            System.err.println("shoal: " + e.getMessage());
            return e.exitCode();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode r : answer.path("replicas")) {
            rows.add(row(r));
        }
        System.out.print(table(rows));
        if (answer.path("replicas").isEmpty()) {
            System.err.println("(no replicas: no service of the configuration has a run block, or all are scaled to 0)");
        }
        return 0;
    }

    static List<String> row(JsonNode r) {
        boolean running = r.path("pid").asLong(-1) > 0;
        return List.of(
                r.path("id").asText(),
                r.path("state").asText(),
                running ? r.path("port").asText() : "-",
                running ? r.path("pid").asText() : "-",
                running ? duration(r.path("uptimeMillis").asLong()) : "-",
                r.path("restarts").asText(),
                r.path("cpuPercent").asDouble(-1) < 0 ? "-"
                        : String.format(Locale.ROOT, "%.1f", r.path("cpuPercent").asDouble()),
                bytes(r.path("rssBytes").asLong(-1)),
                r.path("inFlight").asText());
    }

    /** Columns padded to their widest cell, two spaces apart; no trailing spaces. */
    static String table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** {@code 42s}, {@code 3m12s}, {@code 2h05m}, {@code 3d04h}. */
    static String duration(long millis) {
        long s = millis / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }

    /** {@code 812 KiB}, {@code 61.2 MiB}, {@code 1.1 GiB}; {@code -} when unknown. */
    static String bytes(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KiB";
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
