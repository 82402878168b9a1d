package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.replicas.LogBuffer;
import io.shoal.replicas.ReplicaView;
import io.shoal.replicas.ResourceSample;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replica operations of the API over a fake replica manager (a real topology and proxy around it):
 * routes, validation, status codes and the JSON of each answer.
 */
class AdminServerTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String TOKEN = "test-token-0123456789";

    private final FakeControl control = new FakeControl();
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private RunningAdmin running;
    private AdminServer admin;

    @BeforeEach
    void start() throws Exception {
        running = RunningAdmin.start(control, shutdown::countDown, Duration.ofMillis(300));
        admin = running.admin;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void listsReplicas() throws Exception {
        HttpResponse<String> r = get("/api/v1/replicas");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).startsWith("{\"services\":[\"web\"],\"replicas\":[{\"id\":\"web-1\",\"service\":\"web\","
                + "\"state\":\"READY\",\"port\":4001,\"pid\":42,");
    }

    @Test
    void scaleAnswersOnceDone() throws Exception {
        HttpResponse<String> r = post("/api/v1/services/web/scale", "{\"replicas\":3}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"service\":\"web\"", "\"replicas\":3", "\"message\":\"web runs 3 replicas\"");
        assertThat(control.calls).containsExactly("scale web 3");
    }

    @Test
    void scaleRefusesBadBodies() throws Exception {
        assertThat(post("/api/v1/services/web/scale", "{\"replicas\":-1}").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/services/web/scale", "{\"replicas\":\"5\"}").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/services/web/scale", "{\"replica\":5}").body()).contains("unknown field 'replica'");
        assertThat(post("/api/v1/services/web/scale", "[5]").statusCode()).isEqualTo(400);
        HttpResponse<String> notJson = post("/api/v1/services/web/scale", "replicas=5");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).startsWith("{\"error\":\"request body is not JSON");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void unknownServiceIs404() throws Exception {
        HttpResponse<String> r = post("/api/v1/services/nope/scale", "{\"replicas\":2}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"no service named nope runs replicas\",\"status\":404}");
    }

    @Test
    void scaleThatTakesTooLongIs504() throws Exception {
        control.hang = true;
        HttpResponse<String> r = post("/api/v1/services/web/scale", "{\"replicas\":2}");
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("scaling web to 2 has not finished after 0s; it goes on in the background");
    }

    @Test
    void scaleThatFailsIs500WithTheReason() throws Exception {
        control.failWith = new IllegalStateException("web-3: not ready after 60s");
        HttpResponse<String> r = post("/api/v1/services/web/scale", "{\"replicas\":3}");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("scaling web to 3 failed: web-3: not ready after 60s");
    }

    @Test
    void rolloutAnswers200Or409() throws Exception {
        HttpResponse<String> ok = post("/api/v1/services/web/rollout", "{\"env\":{\"APP_VERSION\":\"2\"}}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"rolledBack\":false", "rolled out 2 replicas of web");
        assertThat(control.calls).containsExactly("rollout web {APP_VERSION=2}");

        control.rollBack = true;
        HttpResponse<String> back = post("/api/v1/services/web/rollout", "{\"env\":{\"BROKEN\":\"1\"}}");
        assertThat(back.statusCode()).isEqualTo(409);
        assertThat(back.body()).contains("\"rolledBack\":true", "\"error\":\"rollout of web rolled back: web-3");

        assertThat(post("/api/v1/services/web/rollout", "{\"env\":{}}").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/services/web/rollout", "{\"env\":{\"A\":1}}").body()).contains("expected a string");
    }

    @Test
    void blueGreenAndSwitchBack() throws Exception {
        HttpResponse<String> switched = post("/api/v1/services/web/rollout",
                "{\"env\":{\"APP_VERSION\":\"3\"},\"strategy\":\"blue-green\",\"keep\":\"90s\"}");
        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(switched.body()).contains("switched web to the new set");

        HttpResponse<String> back = post("/api/v1/services/web/switch-back", "");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains("switched web back to the previous set");
        assertThat(control.calls).containsExactly("blue-green web {APP_VERSION=3} keep 90s", "switch-back web");

        assertThat(post("/api/v1/services/web/rollout", "{\"env\":{\"A\":\"1\"},\"strategy\":\"canary\"}")
                .statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/services/web/rollout", "{\"env\":{\"A\":\"1\"},\"strategy\":\"blue-green\","
                + "\"keep\":\"soon\"}").body()).contains("keep:");
    }

    @Test
    void logsFromAPosition() throws Exception {
        HttpResponse<String> r = get("/api/v1/replicas/web-1/logs?since=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"replica\":\"web-1\",\"lines\":[\"two\"],\"next\":2}");
        assertThat(get("/api/v1/replicas/web-9/logs").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/replicas/web-1/logs?since=x").statusCode()).isEqualTo(400);

        HttpResponse<String> service = get("/api/v1/services/web/logs?since=1");
        assertThat(service.statusCode()).isEqualTo(200);
        assertThat(service.body()).isEqualTo("{\"service\":\"web\",\"lines\":[{\"replica\":\"web-2\",\"text\":\"two\"}],\"next\":2}");
        assertThat(get("/api/v1/services/api/logs").statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodAndUnknownPath() throws Exception {
        HttpResponse<String> r = post("/api/v1/replicas", "{}");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.body()).contains("POST is not allowed here; use GET");
        assertThat(get("/api/v2/replicas").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/nothing").body()).contains("no such endpoint: GET /api/v1/nothing");
    }

    @Test
    void shutdownAnswersThenStops() throws Exception {
        HttpResponse<String> r = post("/api/v1/shutdown", "");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"pid\":" + ProcessHandle.current().pid());
        assertThat(shutdown.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void refusesToListenBeyondLoopbackWithAGeneratedToken() {
        AdminAccess generated = AdminAccess.of(TOKEN, false, List.of("127.0.0.0/8"), List.of());
        assertThatThrownBy(() -> AdminServer.start(new InetSocketAddress("0.0.0.0", 0), generated, running.sources,
                () -> { }, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an admin address beyond loopback (0.0.0.0) needs a token: set admin.token or "
                        + "admin.token_file, or listen on 127.0.0.1");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + admin.address().getPort() + path);
    }

    /** One service, web, with one replica; records what it was asked. */
    static final class FakeControl implements ReplicaControl {
        final List<String> calls = new ArrayList<>();
        volatile boolean hang;
        volatile boolean rollBack;
        volatile RuntimeException failWith;
        private final int port;

        FakeControl() {
            this(4001);
        }

        /** @param port the port of its one replica, web-1 */
        FakeControl(int port) {
            this.port = port;
        }

        @Override
        public List<String> services() {
            return List.of("web");
        }

        @Override
        public List<ReplicaView> replicas() {
            return List.of(new ReplicaView("web-1", "web", "READY", port, 42, 1500, 0, 1.5, 50_000_000, 0, "ready"));
        }

        /** The CPU and memory samples of web-1 that {@link #resourceHistory()} answers; a test sets them. */
        volatile List<ResourceSample> samples = List.of();

        @Override
        public Map<String, List<ResourceSample>> resourceHistory() {
            return Map.of("web-1", samples);
        }

        @Override
        public Map<String, Integer> desired() {
            return Map.of("web", 2);
        }

        @Override
        public CompletableFuture<Void> scale(String service, int replicas) {
            if (!service.equals("web")) {
                return CompletableFuture.failedFuture(
                        new IllegalArgumentException("no service named " + service + " runs replicas"));
            }
            if (hang) {
                return new CompletableFuture<>();
            }
            if (failWith != null) {
                return CompletableFuture.failedFuture(failWith);
            }
            calls.add("scale " + service + " " + replicas);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Rollout> rollout(String service, Map<String, String> env) {
            calls.add("rollout " + service + " " + env);
            return CompletableFuture.completedFuture(rollBack
                    ? new Rollout("rollout of web rolled back: web-3 not ready after 5s; the previous version keeps running", true)
                    : new Rollout("rolled out 2 replicas of web", false));
        }

        @Override
        public CompletableFuture<Rollout> blueGreen(String service, Map<String, String> env, java.time.Duration keep) {
            calls.add("blue-green " + service + " " + env + " keep " + keep.toSeconds() + "s");
            return CompletableFuture.completedFuture(new Rollout("switched web to the new set", false));
        }

        @Override
        public String switchBack(String service) {
            calls.add("switch-back " + service);
            return "switched " + service + " back to the previous set";
        }

        @Override
        public LogPage<String> logs(String replicaId, long since) {
            if (!replicaId.equals("web-1")) {
                throw new IllegalArgumentException("no replica named " + replicaId);
            }
            List<String> all = List.of("one", "two");
            return new LogPage<>(all.subList((int) Math.min(since, 2), 2), 2);
        }

        @Override
        public LogPage<LogBuffer.Line> serviceLogs(String service, long since) {
            if (!service.equals("web")) {
                throw new IllegalArgumentException("no service named " + service + " runs replicas");
            }
            List<LogBuffer.Line> all = List.of(new LogBuffer.Line("web-1", "one"), new LogBuffer.Line("web-2", "two"));
            return new LogPage<>(all.subList((int) Math.min(since, 2), 2), 2);
        }
    }
}
