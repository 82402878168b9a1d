package io.shoal.proxy;

import io.shoal.config.ShoalConfig;
import io.shoal.topology.Topology;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A started {@link ProxyServer} and a JDK HttpClient pointed at it. */
final class RunningProxy implements AutoCloseable {
    final ProxyServer server;
    final Topology topology;
    final InetSocketAddress address;
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    RunningProxy(ShoalConfig config) throws InterruptedException {
        this.topology = Topology.of(config);
        this.server = new ProxyServer(config, topology, AccessLog.off());
        this.address = server.start().get(0);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    int port() {
        return address.getPort();
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
