package io.shoal.proxy.upstream;

import io.shoal.config.ServiceConfig;
import io.shoal.topology.Server;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP/2 connections of ONE event loop to each server, shared by the streams of the requests to it: a
 * stream goes on the first connection with room under the server's SETTINGS_MAX_CONCURRENT_STREAMS, and a
 * new connection opens only when none has (Envoy's and grpc-java's way). Event-loop confined.
 */
final class Http2ServerConnections {
    private final UpstreamPool pool;
    private final Map<Server, List<Http2ServerConnection>> byServer = new IdentityHashMap<>();

    Http2ServerConnections(UpstreamPool pool) {
        this.pool = pool;
    }

    /** Opens a stream for {@code attempt} to its server, on a connection with room or on a new one. */
    void openStream(Http2Attempt attempt, ServiceConfig service, int maxHeaderBytes) {
        Server server = attempt.server();
        List<Http2ServerConnection> connections = byServer.computeIfAbsent(server, s -> new ArrayList<>(2));
        Http2ServerConnection connection = withRoom(connections);
        if (connection == null) {
            connection = new Http2ServerConnection(this, server, maxHeaderBytes, service.pool().idleTimeout().toMillis());
            connections.add(connection);
            connection.connecting(pool.open(server, service.tls(), service.timeouts().connect().toMillis(), true,
                    connection::addSteps));
        }
        connection.openStream(attempt);
    }

    private static Http2ServerConnection withRoom(List<Http2ServerConnection> connections) {
        for (int i = 0; i < connections.size(); i++) {
            if (connections.get(i).hasRoom()) {
                return connections.get(i);
            }
        }
        return null;
    }

    /** A connection that failed or closed takes no more streams. */
    void remove(Server server, Http2ServerConnection connection) {
        List<Http2ServerConnection> connections = byServer.get(server);
        if (connections != null && connections.remove(connection) && connections.isEmpty()) {
            byServer.remove(server);
        }
    }

    /** A server leaves rotation: its connections close once their streams have ended. */
    void closeIdle(Server server) {
        List<Http2ServerConnection> connections = byServer.remove(server);
        if (connections != null) {
            for (Http2ServerConnection connection : connections) {
                connection.goAway();
            }
        }
    }
}
