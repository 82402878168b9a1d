package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.admin.ReplicaControl;
import io.shoal.config.Counts;
import io.shoal.config.Defaults;
import io.shoal.config.Values;
import io.shoal.replicas.LogBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The replica operations of the API: validates requests, calls {@link ReplicaControl}, words the answers. */
public final class ReplicaRoutes {
    /** The same bound as {@code run.replicas} in the file. */
    static final int MAX_REPLICAS = Defaults.MAX_REPLICAS;

    private final ReplicaControl control;
    private final Runnable shutdown;
    private final Duration operationTimeout;

    /**
     * @param shutdown stops Shoal as SIGTERM would; run on a thread of its own after the answer went out
     * @param operationTimeout how long a scale or rollout request waits before answering 504 (the
     *     operation itself goes on)
     */
    public ReplicaRoutes(ReplicaControl control, Runnable shutdown, Duration operationTimeout) {
        this.control = control;
        this.shutdown = shutdown;
        this.operationTimeout = operationTimeout;
    }

    Answer replicas() {
        return Answer.ok(replicasJson(control));
    }

    /** The body of {@code GET /api/v1/replicas}; the dashboard's stream sends the same. */
    static ObjectNode replicasJson(ReplicaControl control) {
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.putPOJO("services", control.services());
        body.putPOJO("replicas", control.replicas());
        return body;
    }

    Answer logs(String replica, String rawQuery) {
        ReplicaControl.LogPage<String> page = control.logs(replica, since(rawQuery));
        ObjectNode body = Exchanges.JSON.createObjectNode().put("replica", replica);
        body.putPOJO("lines", page.lines());
        body.put("next", page.next());
        return Answer.ok(body);
    }

    /** {@code GET /services/{name}/logs}: every replica's lines, each as {@code {"replica": ..., "text": ...}}. */
    Answer serviceLogs(String service, String rawQuery) {
        ReplicaControl.LogPage<LogBuffer.Line> page = control.serviceLogs(service, since(rawQuery));
        ObjectNode body = Exchanges.JSON.createObjectNode().put("service", service);
        body.putPOJO("lines", page.lines());
        body.put("next", page.next());
        return Answer.ok(body);
    }

    private static long since(String rawQuery) {
        long since = 0;
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("since=")) {
                    since = nonNegative("since", pair.substring("since=".length()));
                }
            }
        }
        return since;
    }

    CompletableFuture<Answer> scale(String service, ObjectNode request) {
        only(request, "replicas");
        JsonNode replicas = request.get("replicas");
        if (replicas == null || !replicas.isIntegralNumber() || !replicas.canConvertToInt()
                || replicas.intValue() < 0 || replicas.intValue() > MAX_REPLICAS) {
            throw new ApiException(400, "expected {\"replicas\": N} with N from 0 to " + MAX_REPLICAS + ", got "
                    + request);
        }
        int count = replicas.intValue();
        long start = System.nanoTime();
        return timed(control.scale(service, count), "scaling " + service + " to " + count)
                .thenApply(done -> Answer.ok(Exchanges.JSON.createObjectNode()
                        .put("service", service)
                        .put("replicas", count)
                        .put("elapsedMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                        .put("message", service + " runs " + Counts.of(count, "replica"))));
    }

    /** {@code {"env": {...}}} for a rolling update; add {@code "strategy": "blue-green", "keep": "5m"} for blue-green. */
    CompletableFuture<Answer> rollout(String service, ObjectNode request) {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("env", "strategy", "keep").contains(name)) {
                throw new ApiException(400, "unknown field '" + name + "'; expected env, strategy, keep");
            }
        }
        String strategy = request.path("strategy").asText("rolling");
        if (!strategy.equals("rolling") && !strategy.equals("blue-green")) {
            throw new ApiException(400, "strategy must be rolling or blue-green, got '" + strategy + "'");
        }
        Duration keep = keep(request);
        JsonNode env = request.get("env");
        if (!(env instanceof ObjectNode) || env.isEmpty()) {
            throw new ApiException(400, "expected {\"env\": {\"NAME\": \"value\", ...}} with at least one variable, got "
                    + request);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : env.properties()) {
            if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0 || e.getKey().indexOf('\0') >= 0) {
                throw new ApiException(400, "'" + e.getKey() + "' is not an environment variable name");
            }
            if (!e.getValue().isTextual()) {
                throw new ApiException(400, "env." + e.getKey() + ": expected a string, got " + e.getValue());
            }
            values.put(e.getKey(), e.getValue().textValue());
        }
        CompletableFuture<ReplicaControl.Rollout> started = strategy.equals("blue-green")
                ? control.blueGreen(service, values, keep) : control.rollout(service, values);
        return timed(started, "the rollout of " + service).thenApply(result -> {
            ObjectNode body = Exchanges.JSON.createObjectNode()
                    .put("service", service)
                    .put("rolledBack", result.rolledBack())
                    .put("message", result.message());
            if (result.rolledBack()) {
                body.put("error", result.message()).put("status", 409);
                return Answer.of(409, body);
            }
            return Answer.ok(body);
        });
    }

    Answer switchBack(String service) {
        String message = control.switchBack(service);
        return Answer.ok(Exchanges.JSON.createObjectNode().put("service", service).put("message", message));
    }

    private static Duration keep(ObjectNode request) {
        JsonNode keep = request.get("keep");
        if (keep == null) {
            return Duration.ofMinutes(5);
        }
        try {
            return Values.duration(keep.asText());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "keep: " + e.getMessage());
        }
    }

    Answer shutdown() {
        Runnable stop = () -> {
            Thread thread = new Thread(shutdown, "shoal-admin-shutdown");
            thread.start();
        };
        return new Answer(202, Exchanges.JSON.createObjectNode()
                .put("message", "stopping")
                .put("pid", ProcessHandle.current().pid()), stop);
    }

    private <T> CompletableFuture<T> timed(CompletableFuture<T> operation, String what) {
        return operation.copy().orTimeout(operationTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        return CompletableFuture.failedFuture(new ApiException(504, what + " has not finished after "
                                + operationTimeout.toSeconds() + "s; it goes on in the background ('shoal ps' shows it)"));
                    }
                    if (cause instanceof IllegalArgumentException || cause instanceof ApiException) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return CompletableFuture.failedFuture(new IllegalStateException(what + " failed: "
                            + (cause.getMessage() != null ? cause.getMessage() : cause), cause));
                });
    }

    private static void only(ObjectNode request, String field) {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(field)) {
                throw new ApiException(400, "unknown field '" + name + "'; expected only '" + field + "'");
            }
        }
    }

    private static long nonNegative(String name, String text) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, name + " must be a whole number, 0 or more, got '" + text + "'");
    }
}
