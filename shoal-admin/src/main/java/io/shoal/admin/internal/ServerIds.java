package io.shoal.admin.internal;

import io.shoal.admin.ReplicaControl;
import io.shoal.replicas.ReplicaView;
import io.shoal.topology.Server;
import io.shoal.topology.Service;
import io.shoal.topology.Topology;
import java.util.List;

/** How a path names a server: its {@code HOST:PORT} as configured, or, for a replica, its id ({@code web-2}). */
final class ServerIds {
    private ServerIds() {}

    /** The server {@code id} names in the current snapshot; 404 when there is none. */
    static Server find(Topology topology, ReplicaControl replicas, String serviceName, String id) {
        Service service = topology.current().service(serviceName);
        if (service == null) {
            throw new ApiException(404, "no service named " + serviceName);
        }
        Server server = byAddress(service, id);
        if (server == null) {
            for (ReplicaView replica : replicas.replicas()) {
                if (replica.id().equals(id) && replica.service().equals(serviceName) && replica.port() > 0) {
                    server = byPort(service, replica.port());
                }
            }
        }
        if (server == null) {
            throw new ApiException(404, serviceName + " has no server " + id + " (use HOST:PORT or a replica id)");
        }
        return server;
    }

    /** The id of the replica {@code server} is, when Shoal runs it; else null. */
    static String replicaOf(Server server, List<ReplicaView> replicas) {
        for (ReplicaView replica : replicas) {
            if (replica.service().equals(server.serviceName()) && replica.port() == server.config().address().port()) {
                return replica.id();
            }
        }
        return null;
    }

    static Server byAddress(Service service, String address) {
        for (Server server : service.servers()) {
            if (server.config().address().toString().equals(address)) {
                return server;
            }
        }
        return null;
    }

    /** Replicas listen on loopback ports of their own: the port names the server. */
    private static Server byPort(Service service, int port) {
        for (Server server : service.servers()) {
            if (server.config().address().port() == port) {
                return server;
            }
        }
        return null;
    }
}
