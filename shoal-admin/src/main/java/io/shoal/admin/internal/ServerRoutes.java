package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.shoal.admin.ConfigChanges;
import io.shoal.admin.ReplicaControl;
import io.shoal.config.Defaults;
import io.shoal.config.HostPort;
import io.shoal.config.ServerConfig;
import io.shoal.config.Values;
import io.shoal.topology.CheckResult;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.Topology;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The runtime API of servers, in HAProxy's words ({@code set server web/s1 weight 5}, {@code set server
 * web/s1 state drain}) and Traefik's dynamic configuration (servers added and removed without a restart):
 *
 * <pre>
 * POST   /api/v1/services/{name}/servers                 {"address": "H:P", "weight": N, "backup": false}
 * DELETE /api/v1/services/{name}/servers/{server}        drains, then removes; answers when it is gone
 * PUT    /api/v1/services/{name}/servers/{server}/weight {"weight": N}
 * PUT    /api/v1/services/{name}/servers/{server}/state  {"state": "ready" | "drain" | "maint"}
 * </pre>
 *
 * {@code {server}} is the server's {@code HOST:PORT} or, for a replica, its id ({@code web-2}).
 */
public final class ServerRoutes {
    private final Topology topology;
    private final ReplicaControl replicas;
    private final ConfigChanges changes;

    public ServerRoutes(Topology topology, ReplicaControl replicas, ConfigChanges changes) {
        this.topology = topology;
        this.replicas = replicas;
        this.changes = changes;
    }

    /** The answer to a request for one of these paths ({@code p} is the path after /api/v1/, split), or null. */
    CompletableFuture<Answer> dispatch(String method, List<String> p, HttpExchange exchange) throws IOException {
        if (p.size() < 3 || !p.get(0).equals("services") || !p.get(2).equals("servers") || p.contains("")) {
            return null;
        }
        String service = p.get(1);
        if (p.size() == 3) {
            ApiHandler.allow(method, "POST");
            return done(add(service, Exchanges.body(exchange)));
        }
        if (p.size() == 4) {
            ApiHandler.allow(method, "DELETE");
            return remove(service, p.get(3));
        }
        if (p.size() == 5 && p.get(4).equals("weight")) {
            ApiHandler.allow(method, "PUT");
            return done(weight(service, p.get(3), Exchanges.body(exchange)));
        }
        if (p.size() == 5 && p.get(4).equals("state")) {
            ApiHandler.allow(method, "PUT");
            return done(state(service, p.get(3), Exchanges.body(exchange)));
        }
        return null;
    }

    private Answer add(String service, ObjectNode request) {
        only(request, List.of("address", "weight", "backup"));
        JsonNode address = request.get("address");
        if (address == null || !address.isTextual()) {
            throw new ApiException(400, "expected {\"address\": \"HOST:PORT\"}, optionally with \"weight\" and \"backup\"");
        }
        HostPort hostPort;
        try {
            hostPort = Values.serverAddress(address.textValue());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "address: " + e.getMessage());
        }
        int weight = request.has("weight") ? weight(request.get("weight")) : 1;
        JsonNode backup = request.path("backup");
        if (!backup.isMissingNode() && !backup.isBoolean()) {
            throw new ApiException(400, "backup: expected true or false, got " + backup);
        }
        ServerConfig server = new ServerConfig(hostPort, weight, backup.asBoolean(false), 0, Defaults.MAX_FAILS,
                Defaults.FAIL_TIMEOUT);
        try {
            changes.addServer(service, server);
        } catch (ConfigChanges.Refused refused) {
            return Answer.refusal(refused);
        }
        Server added = ServerIds.byAddress(topology.current().service(service), hostPort.toString());
        return Answer.of(201, describe(service, added).put("message", "added " + hostPort + " to " + service));
    }

    private CompletableFuture<Answer> remove(String service, String id) {
        Server server = ServerIds.find(topology, replicas, service, id);
        long start = System.nanoTime();
        try {
            return changes.removeServer(service, server.config().address()).thenApply(outcome ->
                    Answer.ok(Exchanges.JSON.createObjectNode()
                            .put("service", service)
                            .put("server", server.config().address().toString())
                            .put("drained", outcome.name().toLowerCase(java.util.Locale.ROOT))
                            .put("elapsedMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                            .put("message", "removed " + server.config().address() + " from " + service)));
        } catch (ConfigChanges.Refused refused) {
            return done(Answer.refusal(refused));
        }
    }

    private Answer weight(String service, String id, ObjectNode request) {
        only(request, List.of("weight"));
        int weight = weight(request.get("weight"));
        Server server = ServerIds.find(topology, replicas, service, id);
        topology.setWeight(server, weight);
        return Answer.ok(describe(service, server).put("message", "weight of " + id + " is " + weight));
    }

    /** HAProxy's admin states: {@code drain} takes no new requests, {@code maint} none at all, {@code ready} ends either. */
    private Answer state(String service, String id, ObjectNode request) {
        only(request, List.of("state"));
        String state = request.path("state").asText("");
        Server server = ServerIds.find(topology, replicas, service, id);
        switch (state) {
            case "drain" -> server.setState(ServerState.DRAINING, "set to drain through the admin API");
            case "maint" -> server.setState(ServerState.MAINT, "set to maintenance through the admin API");
            case "ready" -> ready(server, service);
            default -> throw new ApiException(400, "expected {\"state\": \"ready\" | \"drain\" | \"maint\"}, got " + request);
        }
        return Answer.ok(describe(service, server));
    }

    /** Back in rotation; with a health check, only if its last check passed (the checks then decide, as before). */
    private void ready(Server server, String service) {
        ServerState now = server.state();
        if (now != ServerState.DRAINING && now != ServerState.MAINT) {
            return;
        }
        CheckResult last = server.checks().last();
        boolean checked = topology.current().service(service).config().health().check() != null;
        if (!checked || (last != null && last.passed())) {
            server.setState(ServerState.UP, "set to ready through the admin API");
        } else {
            server.setState(ServerState.DOWN, "set to ready through the admin API; waiting for a passing health check");
        }
    }

    private static ObjectNode describe(String service, Server server) {
        return Exchanges.JSON.createObjectNode()
                .put("service", service)
                .put("server", server.config().address().toString())
                .put("state", server.state().name())
                .put("reason", server.status().reason())
                .put("weight", server.configuredWeight());
    }

    private static int weight(JsonNode weight) {
        if (weight == null || !weight.isIntegralNumber() || !weight.canConvertToInt() || weight.intValue() < 1
                || weight.intValue() > Defaults.MAX_WEIGHT) {
            throw new ApiException(400, "weight: expected a whole number from 1 to " + Defaults.MAX_WEIGHT + ", got "
                    + weight);
        }
        return weight.intValue();
    }

    private static void only(ObjectNode request, List<String> fields) {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new ApiException(400, "unknown field '" + name + "'; expected " + String.join(", ", fields));
            }
        }
    }

    private static CompletableFuture<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
