package io.shoal.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A JDK HttpClient (HTTP/1.1) pointed at a started listener. Each module's running-proxy fixture extends it:
 * starting the proxy needs shoal-proxy, which this module must not depend on (shoal-proxy's own tests use it).
 */
public abstract class ProxyClient implements AutoCloseable {
    public final InetSocketAddress address;
    public final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    protected ProxyClient(InetSocketAddress address) {
        this.address = address;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    public int port() {
        return address.getPort();
    }

    public HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build();
    }

    public HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public abstract void close();
}
