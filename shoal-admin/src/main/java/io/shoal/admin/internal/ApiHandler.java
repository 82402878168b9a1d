package io.shoal.admin.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * Routes {@code /api/v1/...} to {@link TopologyRoutes}, {@link ServerRoutes}, {@link ReloadRoute},
 * {@link ReplicaRoutes} and {@link EventRoutes} and turns every outcome into a JSON answer.
 * Operations that take long (scale, rollout) return futures: no thread waits for them, and the answer
 * is written on {@code responder} once they complete.
 */
public final class ApiHandler implements HttpHandler {
    static final String PREFIX = "/api/v1/";

    private final TopologyRoutes topology;
    private final ReplicaRoutes routes;
    private final ServerRoutes servers;
    private final ReloadRoute reload;
    private final EventRoutes events;
    private final Executor responder;

    public ApiHandler(TopologyRoutes topology, ReplicaRoutes routes, ServerRoutes servers, ReloadRoute reload,
                      EventRoutes events, Executor responder) {
        this.topology = topology;
        this.routes = routes;
        this.servers = servers;
        this.reload = reload;
        this.events = events;
        this.responder = responder;
    }

    @Override
    public void handle(HttpExchange exchange) {
        CompletableFuture<Answer> answer;
        try {
            answer = dispatch(exchange);
        } catch (RuntimeException | java.io.IOException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((ok, failure) -> {
            if (failure == null) {
                Exchanges.sendQuietly(exchange, ok.status(), ok.body());
                if (ok.after() != null) {
                    ok.after().run();
                }
            } else {
                Throwable cause = unwrap(failure);
                Exchanges.errorQuietly(exchange, status(cause), message(cause));
            }
        }, responder);
    }

    private CompletableFuture<Answer> dispatch(HttpExchange exchange) throws java.io.IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith(PREFIX)) {
            throw new ApiException(404, "no such endpoint: " + path + " (the API is under " + PREFIX + ")");
        }
        List<String> p = Arrays.asList(path.substring(PREFIX.length()).split("/", -1));
        CompletableFuture<Answer> server = servers.dispatch(method, p, exchange);
        if (server != null) {
            return server;
        }
        if (p.equals(List.of(ReloadRoute.PATH))) {
            allow(method, "POST");
            return done(reload.reload());
        }
        if (p.equals(List.of("services"))) {
            allow(method, "GET");
            return done(topology.services());
        }
        if (p.size() == 2 && p.get(0).equals("services") && !p.get(1).isEmpty()) {
            allow(method, "GET");
            return done(topology.service(p.get(1)));
        }
        if (p.equals(List.of("listeners"))) {
            allow(method, "GET");
            return done(topology.listeners());
        }
        if (p.equals(List.of("routes"))) {
            allow(method, "GET");
            return done(topology.routes());
        }
        if (p.equals(List.of("replicas"))) {
            allow(method, "GET");
            return done(routes.replicas());
        }
        if (p.size() == 3 && p.get(0).equals("replicas") && p.get(2).equals("logs") && !p.get(1).isEmpty()) {
            allow(method, "GET");
            return done(routes.logs(p.get(1), exchange.getRequestURI().getRawQuery()));
        }
        if (p.size() == 3 && p.get(0).equals("services") && !p.get(1).isEmpty()) {
            if (p.get(2).equals("scale")) {
                allow(method, "POST");
                return routes.scale(p.get(1), Exchanges.body(exchange));
            }
            if (p.get(2).equals("rollout")) {
                allow(method, "POST");
                return routes.rollout(p.get(1), Exchanges.body(exchange));
            }
            if (p.get(2).equals("switch-back")) {
                allow(method, "POST");
                return done(routes.switchBack(p.get(1)));
            }
            if (p.get(2).equals("logs")) {
                allow(method, "GET");
                return done(routes.serviceLogs(p.get(1), exchange.getRequestURI().getRawQuery()));
            }
        }
        if (p.equals(List.of("events"))) {
            allow(method, "GET");
            return done(events.events(exchange.getRequestURI().getRawQuery()));
        }
        if (p.equals(List.of("shutdown"))) {
            allow(method, "POST");
            return done(routes.shutdown());
        }
        throw new ApiException(404, "no such endpoint: " + method + " " + path);
    }

    static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, method + " is not allowed here; use " + allowed);
        }
    }

    private static CompletableFuture<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Unknown names are the replica manager's {@link IllegalArgumentException}s: 404. */
    private static int status(Throwable cause) {
        if (cause instanceof ApiException api) {
            return api.status();
        }
        if (cause instanceof IllegalArgumentException) {
            return 404;
        }
        if (cause instanceof TimeoutException) {
            return 504;
        }
        return 500;
    }

    private static String message(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
