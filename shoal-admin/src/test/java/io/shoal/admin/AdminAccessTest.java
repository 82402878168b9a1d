package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The allow-list and the bearer token, over HTTP for every kind of endpoint, and the rules themselves. */
class AdminAccessTest {
    private static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1");

    @Test
    void changingEndpointsNeedTheToken() throws Exception {
        AdminServerTest.FakeControl control = new AdminServerTest.FakeControl();
        try (RunningAdmin running = RunningAdmin.start(control, AdminAccess.of(AdminServerTest.TOKEN, false, LOOPBACK, List.of()),
                List.of("127.0.0.1:4001"))) {
            for (String path : List.of("/api/v1/services/web/scale", "/api/v1/services/web/rollout",
                    "/api/v1/services/web/switch-back", "/api/v1/shutdown")) {
                HttpResponse<String> none = send(running, "POST", path, null);
                assertThat(none.statusCode()).as(path).isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"shoal\"");
                assertThat(none.body()).contains("this needs the admin token");
                assertThat(send(running, "POST", path, "Bearer wrong-token-0123456789").statusCode()).as(path)
                        .isEqualTo(401);
                assertThat(send(running, "POST", path, "Basic " + AdminServerTest.TOKEN).statusCode()).isEqualTo(401);
            }
            assertThat(control.calls).isEmpty();

            HttpResponse<String> ok = send(running, "POST", "/api/v1/services/web/scale",
                    "bearer " + AdminServerTest.TOKEN);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(control.calls).containsExactly("scale web 3");
        }
    }

    @Test
    void serverEndpointsAndReloadNeedTheTokenAndTheAllowList() throws Exception {
        List<List<String>> requests = List.of(List.of("PUT", "/api/v1/services/web/servers/127.0.0.1:4001/weight"),
                List.of("PUT", "/api/v1/services/web/servers/127.0.0.1:4001/state"),
                List.of("POST", "/api/v1/services/web/servers"),
                List.of("DELETE", "/api/v1/services/web/servers/127.0.0.1:4001"),
                List.of("POST", "/api/v1/reload"));
        try (RunningAdmin open = RunningAdmin.start(new AdminServerTest.FakeControl(),
                AdminAccess.of(AdminServerTest.TOKEN, false, LOOPBACK, List.of()), List.of("127.0.0.1:4001"));
             RunningAdmin closed = RunningAdmin.start(new AdminServerTest.FakeControl(),
                     AdminAccess.of(AdminServerTest.TOKEN, true, List.of("10.0.0.0/8"), List.of()), List.of("127.0.0.1:4001"))) {
            String services = send(open, "GET", "/api/v1/services", null).body();
            for (List<String> request : requests) {
                HttpResponse<String> none = send(open, request.get(0), request.get(1), null);
                assertThat(none.statusCode()).as(request.toString()).isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"shoal\"");
                assertThat(send(open, request.get(0), request.get(1), "Bearer wrong-token-0123456789").statusCode())
                        .as(request.toString()).isEqualTo(401);
                assertThat(send(closed, request.get(0), request.get(1), "Bearer " + AdminServerTest.TOKEN).statusCode())
                        .as(request.toString()).isEqualTo(403);
            }
            assertThat(ServerApiTest.withoutClock(send(open, "GET", "/api/v1/services", null).body()))
                    .isEqualTo(ServerApiTest.withoutClock(services));
        }
    }

    @Test
    void readingIsOpenOnLoopback() throws Exception {
        try (RunningAdmin running = RunningAdmin.start(new AdminServerTest.FakeControl(),
                AdminAccess.of(AdminServerTest.TOKEN, false, LOOPBACK, List.of()), List.of("127.0.0.1:4001"))) {
            for (String path : List.of("/api/v1/services", "/api/v1/services/web", "/api/v1/listeners",
                    "/api/v1/routes", "/api/v1/replicas", "/metrics", "/status")) {
                assertThat(send(running, "GET", path, null).statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void clientsOutsideTheAllowListAreRefusedEverything() throws Exception {
        AdminServerTest.FakeControl control = new AdminServerTest.FakeControl();
        try (RunningAdmin running = RunningAdmin.start(control,
                AdminAccess.of(AdminServerTest.TOKEN, true, List.of("10.0.0.0/8"), List.of()), List.of("127.0.0.1:4001"))) {
            for (String path : List.of("/api/v1/services", "/api/v1/replicas", "/metrics", "/status")) {
                HttpResponse<String> r = send(running, "GET", path, "Bearer " + AdminServerTest.TOKEN);
                assertThat(r.statusCode()).as(path).isEqualTo(403);
                assertThat(r.body()).contains("client 127.0.0.1 is not in admin.allow [10.0.0.0/8]");
            }
            HttpResponse<String> scale = send(running, "POST", "/api/v1/services/web/scale",
                    "Bearer " + AdminServerTest.TOKEN);
            assertThat(scale.statusCode()).isEqualTo(403);
            assertThat(control.calls).isEmpty();
        }
    }

    /** Addresses beyond loopback cannot be used by a test here, so the rule is checked on its own. */
    @Test
    void readingFromBeyondLoopbackNeedsTheToken() throws Exception {
        AdminAccess access = AdminAccess.of(AdminServerTest.TOKEN, true, List.of("10.0.0.0/8", "127.0.0.1"), List.of());
        InetAddress office = InetAddress.getByName("10.1.2.3");
        InetAddress outside = InetAddress.getByName("192.168.1.9");
        InetAddress local = InetAddress.getByName("127.0.0.1");
        String bearer = "Bearer " + AdminServerTest.TOKEN;

        assertThat(access.check(office, false, null, "10.0.0.5:9901")).isEqualTo(401);
        assertThat(access.check(office, false, bearer, "10.0.0.5:9901")).isEqualTo(AdminAccess.ALLOWED);
        assertThat(access.check(office, true, bearer, "10.0.0.5:9901")).isEqualTo(AdminAccess.ALLOWED);
        assertThat(access.check(outside, false, bearer, "10.0.0.5:9901")).isEqualTo(403);
        assertThat(access.check(local, false, null, "127.0.0.1:9901")).isEqualTo(AdminAccess.ALLOWED);
        assertThat(access.check(local, true, null, "127.0.0.1:9901")).isEqualTo(401);
        assertThat(access.check(InetAddress.getByName("127.0.0.2"), false, null, "127.0.0.1")).isEqualTo(403);
        assertThatThrownBy(() -> AdminAccess.of(" ", false, LOOPBACK, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpResponse<String> send(RunningAdmin running, String method, String path, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(running.uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, !method.equals("GET") && !method.equals("DELETE")
                        ? HttpRequest.BodyPublishers.ofString("{\"replicas\":3}")
                        : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return AdminServerTest.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
