package io.shoal.health;

import io.shoal.config.ShoalConfig;
import io.shoal.proxy.AccessLog;
import io.shoal.proxy.ProxyServer;
import io.shoal.topology.Server;
import io.shoal.topology.Ticker;
import io.shoal.topology.Topology;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A started {@link ProxyServer} with its {@link HealthChecker} on the same event loops, as the CLI
 * wires them, a log of state changes, and a JDK HttpClient pointed at it.
 */
final class RunningProxy implements AutoCloseable {
    final Topology topology;
    final ProxyServer server;
    final HealthChecker checker;
    final StateLog states = new StateLog();
    final InetSocketAddress address;
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    RunningProxy(ShoalConfig config) throws InterruptedException {
        this(config, Ticker.SYSTEM);
    }

    /** @param ticker the topology's time: state changes, slow start and drain timeouts */
    RunningProxy(ShoalConfig config, Ticker ticker) throws InterruptedException {
        this.topology = Topology.of(config, ticker);
        topology.addListener(states);
        this.server = new ProxyServer(config, topology, AccessLog.off());
        this.address = server.start().get(0);
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

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build();
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    /** A request straight to the backend, as an operator's curl. */
    int direct(TestBackend backend, String path) throws Exception {
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
