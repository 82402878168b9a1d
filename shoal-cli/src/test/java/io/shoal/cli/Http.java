package io.shoal.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The JDK client, as a user's program would call the proxy; HTTP/1.1 because that is what Shoal speaks. */
final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {}

    static URI uri(InetSocketAddress proxy, String path) {
        return URI.create("http://" + Launcher.format(proxy) + path);
    }

    /** GET, asserting nothing: the caller checks status and body. */
    static HttpResponse<String> get(InetSocketAddress proxy, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(proxy, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
