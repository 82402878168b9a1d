package io.shoal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.BalanceConfig;
import io.shoal.config.BalanceConfig.Algorithm;
import io.shoal.config.RouteConfig;
import io.shoal.testing.RawBackends;
import io.shoal.testing.RawHttp;
import io.shoal.testing.TestConfigs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a route matches and the upstream gets: the absolute-form's host, the normalized path (so
 * that no spelling of a path slips past a prefix route), and {@code OPTIONS *}.
 */
class RequestTargetIntegrationTest {
    private final List<String> adminReceived = new CopyOnWriteArrayList<>();
    private final List<String> otherReceived = new CopyOnWriteArrayList<>();
    private final List<String> webReceived = new CopyOnWriteArrayList<>();
    private RawBackends.Misbehaving admin;
    private RawBackends.Misbehaving other;
    private RawBackends.Misbehaving web;
    private RunningProxy proxy;

    /** Host other.example -> "other"; /admin (stripped) -> "admin"; everything else -> "web". */
    @BeforeEach
    void start() throws Exception {
        admin = RawBackends.records(adminReceived);
        other = RawBackends.records(otherReceived);
        web = RawBackends.records(webReceived);
        BalanceConfig rr = BalanceConfig.of(Algorithm.ROUND_ROBIN);
        proxy = new RunningProxy(TestConfigs.config(List.of(
                route("other.example", "/", false, "other"),
                route(null, "/admin", true, "admin"),
                TestConfigs.catchAll("web")),
                TestConfigs.service("other", rr, List.of(TestConfigs.server(other.address()))),
                TestConfigs.service("admin", rr, List.of(TestConfigs.server(admin.address()))),
                TestConfigs.service("web", rr, List.of(TestConfigs.server(web.address())))));
    }

    private static RouteConfig route(String host, String path, boolean strip, String service) {
        return new RouteConfig(host, path, Map.of(), strip, List.of(new RouteConfig.WeightedService(service, 1)));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        admin.close();
        other.close();
        web.close();
    }

    private String send(String requestLine, String host) throws Exception {
        return RawHttp.exchange(proxy.port(), requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void anAbsoluteFormTargetsHostReplacesHostForRoutingAndForwarding() throws Exception {
        assertThat(send("GET http://Other.Example:8080/path?q=1 HTTP/1.1", "x")).startsWith("HTTP/1.1 200 ");

        assertThat(otherReceived).hasSize(1);
        assertThat(otherReceived.get(0)).startsWith("GET /path?q=1 HTTP/1.1\r\nhost: Other.Example:8080\r\n")
                .contains("\r\nx-forwarded-host: Other.Example:8080\r\n");
        assertThat(webReceived).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/public/../admin/x", "/%61dmin/x", "/./admin/x", "/public/%2E%2e/admin/x",
            "/admin/y/../x", "/adm%69n/./x"})
    void noSpellingOfAPathSlipsPastAPrefixRoute(String path) throws Exception {
        assertThat(send("GET " + path + "?k=%2e HTTP/1.1", "x")).startsWith("HTTP/1.1 200 ");

        assertThat(adminReceived).hasSize(1);
        assertThat(adminReceived.get(0)).startsWith("GET /x?k=%2e HTTP/1.1\r\n");
        assertThat(webReceived).isEmpty();
    }

    @Test
    void theUpstreamGetsTheNormalizedPathTheRouteSaw() throws Exception {
        assertThat(send("GET /a/./b/../%7euser/%2f%c3%a9 HTTP/1.1", "x")).startsWith("HTTP/1.1 200 ");

        assertThat(webReceived).hasSize(1);
        assertThat(webReceived.get(0)).startsWith("GET /a/~user/%2F%C3%A9 HTTP/1.1\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /%zz", "GET /%4", "GET /../admin/x", "GET /a/../../admin", "GET *",
            "GET other.example:80", "GET ftp://other.example/", "GET http://user@other.example/",
            "GET http:///admin", "GET admin", "GET /a\u0001b"})
    void anInvalidTargetGets400AndReachesNoBackend(String requestLine) throws Exception {
        assertThat(send(requestLine + " HTTP/1.1", "x")).startsWith("HTTP/1.1 400 ").doesNotContain("<still open>");

        assertThat(adminReceived).isEmpty();
        assertThat(otherReceived).isEmpty();
        assertThat(webReceived).isEmpty();
    }

    @Test
    void optionsAsteriskGoesToTheRouteOfSlashForItsHostAsAsterisk() throws Exception {
        assertThat(send("OPTIONS * HTTP/1.1", "x")).startsWith("HTTP/1.1 200 ");
        assertThat(send("OPTIONS * HTTP/1.1", "other.example")).startsWith("HTTP/1.1 200 ");

        assertThat(webReceived).hasSize(1);
        assertThat(webReceived.get(0)).startsWith("OPTIONS * HTTP/1.1\r\nHost: x\r\n");
        assertThat(otherReceived).hasSize(1);
        assertThat(otherReceived.get(0)).startsWith("OPTIONS * HTTP/1.1\r\nHost: other.example\r\n");
    }
}
