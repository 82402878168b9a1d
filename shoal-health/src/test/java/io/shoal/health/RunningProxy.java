package io.shoal.health;

import io.shoal.config.ShoalConfig;
import io.shoal.proxy.ProxyServer;
import io.shoal.proxy.log.AccessLog;
import io.shoal.testing.ProxyClient;
import io.shoal.topology.Server;
import io.shoal.topology.Ticker;
import io.shoal.topology.Topology;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A started {@link ProxyServer} with its {@link HealthChecker} on the same event loops, as the CLI
 * wires them, a log of state changes, and a JDK HttpClient pointed at it.
 */
final class RunningProxy extends ProxyClient {
    final Topology topology;
    final ProxyServer server;
    final HealthChecker checker;
    final StateLog states = new StateLog();

    RunningProxy(ShoalConfig config) throws InterruptedException {
        this(config, Ticker.SYSTEM);
    }

    /** @param ticker the topology's time: state changes, slow start and drain timeouts */
    RunningProxy(ShoalConfig config, Ticker ticker) throws InterruptedException {
        this(Topology.of(config, ticker), config);
    }

    private RunningProxy(Topology topology, ShoalConfig config) throws InterruptedException {
        this(topology, new ProxyServer(config, topology, AccessLog.off()));
    }

    private RunningProxy(Topology topology, ProxyServer server) throws InterruptedException {
        super(server.start().get(0));
        this.topology = topology;
        this.server = server;
        topology.addListener(states);
        this.checker = new HealthChecker(topology, server.eventLoopGroup(), server.socketChannelType());
        checker.start();
    }

    /** The topology's server at {@code address} ({@code host:port}); the same instance across snapshots. */
    Server server(String address) {
        return topology.current().service("web").servers().stream()
                .filter(s -> s.config().address().toString().equals(address))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + address));
    }

    /** A request straight to the backend, as an operator's curl. */
    int direct(HealthBackend backend, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + backend.address() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Override
    public void close() {
        checker.close();
        server.close();
        topology.close();
    }
}
