package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.BalanceConfig.HashKey;
import io.shoal.config.ProxySettings;
import io.shoal.config.ServerConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestBackend;
import io.shoal.testing.TestConfigs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ip_hash and hash on header, cookie and query keep a key on one server and spread different keys. */
class AffinityIntegrationTest {
    private final List<TestBackend> backends = new ArrayList<>();
    private final List<ServerConfig> servers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            TestBackend backend = new TestBackend(name);
            backends.add(backend);
            servers.add(TestConfigs.server(backend.address()));
        }
    }

    @AfterEach
    void stop() {
        backends.forEach(TestBackend::close);
    }

    private RunningProxy proxy(ProxySettings settings, BalanceConfig balance) throws Exception {
        ShoalConfig config = TestConfigs.config(settings, List.of(TestConfigs.catchAll("web")),
                TestConfigs.service("web", balance, servers));
        return new RunningProxy(config);
    }

    private static String send(RunningProxy proxy, String path, String header, String value) throws Exception {
        return proxy.client.send(HttpRequest.newBuilder(proxy.uri(path)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void hashOnAHeaderKeepsEachUserOnOneServerAndSpreadsUsers() throws Exception {
        try (RunningProxy proxy = proxy(ProxySettings.defaults(),
                new BalanceConfig(Algorithm.HASH, new HashKey(HashKey.Source.HEADER, "X-User")))) {
            Set<String> used = new HashSet<>();
            for (int user = 0; user < 30; user++) {
                String first = send(proxy, "/", "X-User", "user-" + user);
                used.add(first);
                for (int again = 0; again < 3; again++) {
                    assertThat(send(proxy, "/other", "X-User", "user-" + user)).isEqualTo(first);
                }
            }
            assertThat(used).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void hashOnACookieAndOnAQueryParameter() throws Exception {
        try (RunningProxy byCookie = proxy(ProxySettings.defaults(),
                new BalanceConfig(Algorithm.HASH, new HashKey(HashKey.Source.COOKIE, "session")));
             RunningProxy byQuery = proxy(ProxySettings.defaults(),
                     new BalanceConfig(Algorithm.HASH, new HashKey(HashKey.Source.QUERY, "tenant")))) {
            Set<String> cookieServers = new HashSet<>();
            Set<String> queryServers = new HashSet<>();
            for (int key = 0; key < 30; key++) {
                String viaCookie = send(byCookie, "/", "Cookie", "theme=dark; session=s" + key);
                assertThat(send(byCookie, "/x", "Cookie", "session=s" + key)).isEqualTo(viaCookie);
                cookieServers.add(viaCookie);
                String viaQuery = byQuery.get("/?tenant=t" + key + "&page=1").body();
                assertThat(byQuery.get("/list?page=9&tenant=t" + key).body()).isEqualTo(viaQuery);
                queryServers.add(viaQuery);
            }
            // A server the proxy marked down (one failed attempt, max_fails 1) would hand its keys to the others.
            assertThat(cookieServers).as("servers: %s", states(byCookie)).hasSize(3);
            assertThat(queryServers).as("servers: %s", states(byQuery)).hasSize(3);
        }
    }

    private static List<String> states(RunningProxy proxy) {
        return proxy.topology.current().service("web").servers().stream().map(s -> s + " " + s.status()).toList();
    }

    @Test
    void ipHashBelievesXForwardedForOnlyFromTrustedProxies() throws Exception {
        BalanceConfig ipHash = BalanceConfig.of(Algorithm.IP_HASH);
        ProxySettings d = ProxySettings.defaults();
        ProxySettings trusting = new ProxySettings(0, d.clientHeaderTimeout(), d.clientBodyTimeout(),
                d.idleTimeout(), 8192, 32768, d.clientBodyBufferBytes(), 1000, List.of("127.0.0.0/8"));
        try (RunningProxy trusted = proxy(trusting, ipHash); RunningProxy untrusted = proxy(ProxySettings.defaults(), ipHash)) {
            Set<String> spread = new HashSet<>();
            Set<String> ignored = new HashSet<>();
            for (int client = 1; client <= 30; client++) {
                String address = "203.0.113." + client;
                String server = send(trusted, "/", "X-Forwarded-For", address);
                assertThat(send(trusted, "/again", "X-Forwarded-For", address + ", 127.0.0.2")).isEqualTo(server);
                spread.add(server);
                ignored.add(send(untrusted, "/", "X-Forwarded-For", address));
            }
            assertThat(spread).hasSize(3);
            assertThat(ignored).as("untrusted: every request is from 127.0.0.1").hasSize(1);
        }
    }

    @Test
    void connectionsPastMaxConnectionsAreRefused() throws Exception {
        ProxySettings d = ProxySettings.defaults();
        ProxySettings two = new ProxySettings(1, d.clientHeaderTimeout(), d.clientBodyTimeout(),
                d.idleTimeout(), 8192, 32768, d.clientBodyBufferBytes(), 2, List.of());
        try (RunningProxy proxy = proxy(two, BalanceConfig.of(Algorithm.ROUND_ROBIN));
             java.net.Socket first = new java.net.Socket("127.0.0.1", proxy.port());
             java.net.Socket second = new java.net.Socket("127.0.0.1", proxy.port());
             java.net.Socket third = new java.net.Socket("127.0.0.1", proxy.port())) {
            third.setSoTimeout(5000);
            assertThat(third.getInputStream().read()).as("closed at once").isEqualTo(-1);
            second.setSoTimeout(5000);
            second.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
            assertThat(RawHttp.readUntilClose(second.getInputStream())).startsWith("HTTP/1.1 200 ");
        }
    }
}
