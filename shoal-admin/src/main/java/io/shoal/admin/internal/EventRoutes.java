package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.autoscaler.EventLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/events}: the autoscaler's decisions with their inputs, the alerts standing now, and
 * the replica-hours (and cost) per service. Query: {@code service=NAME} for one service, {@code since=MILLIS}
 * (epoch milliseconds) for later decisions only, {@code all=true} for every decision rather than the notable ones.
 */
public final class EventRoutes {
    private final EventLog log;

    public EventRoutes(EventLog log) {
        this.log = log;
    }

    Answer events(String rawQuery) {
        String service = null;
        long since = 0;
        boolean all = false;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                String value = kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                switch (kv[0]) {
                    case "service" -> service = value.isEmpty() ? null : value;
                    case "since" -> since = epochMillis(value);
                    case "all" -> all = flag(value);
                    default -> throw new ApiException(400, "unknown parameter '" + kv[0] + "'; known: service, since, all");
                }
            }
        }
        return Answer.ok(eventsJson(log, service, since, all));
    }

    /** The body of {@code GET /api/v1/events}; the dashboard's stream sends it too. */
    static ObjectNode eventsJson(EventLog log, String service, long since, boolean all) {
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.putPOJO("events", log.events(service, since, all));
        body.putPOJO("alerts", log.alerts());
        ObjectNode usage = body.putObject("usage");
        log.usage().forEach((name, u) -> usage.putObject(name)
                .put("replicaHours", u.replicaHours())
                .put("pricePerReplicaHour", u.pricePerReplicaHour())
                .put("cost", u.cost()));
        return body;
    }

    private static long epochMillis(String text) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "since must be a time in milliseconds since the epoch, got '" + text + "'");
    }

    private static boolean flag(String text) {
        if (text.equals("true") || text.isEmpty()) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new ApiException(400, "all must be true or false, got '" + text + "'");
    }
}
