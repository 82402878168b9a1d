package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testing.RawHttp;
import io.shoal.testing.TestBackend;
import io.shoal.admin.PrometheusParser.Sample;
import io.shoal.autoscaler.Decision;
import io.shoal.autoscaler.EventLog;
import io.shoal.autoscaler.ScalingEvent;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /metrics read by the Prometheus project's own parser, before and after traffic through a real proxy;
 * /status in nginx's stub_status layout.
 */
class MetricsTest {
    private static final Pattern STUB_STATUS = Pattern.compile("""
            Active connections: (\\d+) \\n\
            server accepts handled requests\\n \
            (\\d+) (\\d+) (\\d+) \\n\
            Reading: (\\d+) Writing: (\\d+) Waiting: (\\d+) \\n""");

    private TestBackend backend;
    private RunningAdmin running;
    private String server;

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("backend");
        server = backend.address();
        running = RunningAdmin.start(new AdminServerTest.FakeControl(backend.port()),
                AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of()), List.of(server));
    }

    @AfterEach
    void stop() {
        running.close();
        backend.close();
    }

    @Test
    void keySeriesMoveWhenTrafficFlows() throws Exception {
        List<Sample> before = scrape();
        for (int i = 0; i < 12; i++) {
            proxied(i < 9 ? "/" : "/status?code=500");
        }
        List<Sample> after = scrape();

        Map<String, String> web = Map.of("service", "web", "server", server, "replica", "web-1");
        assertThat(delta(before, after, "shoal_requests_total", with(web, "code", "2xx"))).isEqualTo(9);
        assertThat(delta(before, after, "shoal_requests_total", with(web, "code", "5xx"))).isEqualTo(3);
        assertThat(delta(before, after, "shoal_requests_total", with(web, "code", "4xx"))).isZero();
        assertThat(delta(before, after, "shoal_request_duration_seconds_count", web)).isEqualTo(12);
        assertThat(delta(before, after, "shoal_request_duration_seconds_bucket", with(web, "le", "+Inf"))).isEqualTo(12);
        assertThat(delta(before, after, "shoal_request_duration_seconds_sum", web)).isPositive();
        assertThat(delta(before, after, "shoal_client_requests_total", Map.of())).isEqualTo(12);
        assertThat(delta(before, after, "shoal_connections_accepted_total", Map.of())).isPositive();
        assertThat(value(after, "shoal_request_failures_total", web)).isZero();

        assertThat(family(after, "shoal_requests")).isEqualTo("counter");
        assertThat(family(after, "shoal_request_duration_seconds")).isEqualTo("histogram");
        assertThat(family(after, "shoal_active_connections")).isEqualTo("gauge");
        double previous = 0;
        for (Sample s : after) {
            if (s.name().equals("shoal_request_duration_seconds_bucket")) {
                assertThat(s.value()).as("cumulative buckets").isGreaterThanOrEqualTo(previous);
                previous = s.value();
            }
        }
        assertThat(after).as("shoal_server_state says it").noneMatch(s -> s.family().equals("shoal_server_up"));
        assertThat(value(after, "shoal_server_state", with(web, "state", "UP"))).isEqualTo(1);
        assertThat(value(after, "shoal_server_state", with(web, "state", "DRAINING"))).isZero();
        assertThat(value(after, "shoal_server_in_flight", web)).isZero();
        assertThat(value(after, "shoal_health_checks_total", with(web, "result", "pass"))).isZero();
        assertThat(value(after, "shoal_replicas_desired", Map.of("service", "web"))).isEqualTo(2);
        assertThat(value(after, "shoal_replicas_ready", Map.of("service", "web"))).isEqualTo(1);
        assertThat(value(after, "shoal_active_connections", Map.of())).isGreaterThanOrEqualTo(0);
        assertThat(value(after, "jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        assertThat(value(after, "jvm_threads_current", Map.of())).isPositive();
        assertThat(value(after, "process_start_time_seconds", Map.of())).isPositive();
    }

    @Test
    void eachListenerHasItsFrontendFamilies() throws Exception {
        Map<String, String> listener = Map.of("listener", "127.0.0.1:" + running.listener.getPort());
        List<Sample> before = scrape();
        for (int i = 0; i < 5; i++) {
            proxied(i < 4 ? "/" : "/status?code=500");
        }
        String refused = RawHttp.exchange(running.listener.getPort(), "GET / HTTP/1.1\r\n\r\n"); // no Host
        assertThat(refused).startsWith("HTTP/1.1 400");
        List<Sample> after = scrape();

        assertThat(delta(before, after, "shoal_listener_requests_total", listener)).isEqualTo(6);
        assertThat(delta(before, after, "shoal_listener_responses_total", with(listener, "code", "2xx"))).isEqualTo(4);
        assertThat(delta(before, after, "shoal_listener_responses_total", with(listener, "code", "4xx"))).isEqualTo(1);
        assertThat(delta(before, after, "shoal_listener_responses_total", with(listener, "code", "5xx"))).isEqualTo(1);
        assertThat(delta(before, after, "shoal_listener_denied_requests_total", listener)).isEqualTo(1);
        assertThat(delta(before, after, "shoal_listener_connections_accepted_total", listener)).isPositive();
        assertThat(delta(before, after, "shoal_listener_bytes_in_total", listener)).isPositive();
        assertThat(delta(before, after, "shoal_listener_bytes_out_total", listener))
                .isGreaterThanOrEqualTo(refused.length());
        assertThat(value(after, "shoal_listener_sessions_max", listener)).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "shoal_listener_sessions", listener)).isGreaterThanOrEqualTo(0);
        for (String counter : List.of("shoal_listener_requests", "shoal_listener_responses",
                "shoal_listener_denied_requests", "shoal_listener_connections_accepted", "shoal_listener_bytes_in",
                "shoal_listener_bytes_out")) {
            assertThat(family(after, counter)).as(counter).isEqualTo("counter");
        }
        assertThat(family(after, "shoal_listener_sessions")).isEqualTo("gauge");
        assertThat(family(after, "shoal_listener_sessions_max")).isEqualTo("gauge");
    }

    @Test
    void scalingEventsAreCountedByServiceAndDirection() throws Exception {
        assertThat(scrape()).noneMatch(s -> s.name().equals("shoal_scaling_events_total"));
        EventLog events = running.sources.events();
        events.record(scaling(1_000, 1, 4));
        events.record(scaling(2_000, 4, 4)); // held: not a scaling
        events.record(scaling(3_000, 4, 2));
        events.record(scaling(4_000, 2, 3));

        List<Sample> after = scrape();

        assertThat(family(after, "shoal_scaling_events")).isEqualTo("counter");
        assertThat(value(after, "shoal_scaling_events_total", Map.of("service", "web", "direction", "up"))).isEqualTo(2);
        assertThat(value(after, "shoal_scaling_events_total", Map.of("service", "web", "direction", "down"))).isEqualTo(1);
    }

    private static ScalingEvent scaling(long at, int current, int desired) {
        return new ScalingEvent("web", at, 0, null,
                new Decision(at, current, List.of(), List.of(), desired, 0, desired, desired, desired, "test"));
    }

    @Test
    void statusCountsConnectionsAsNginxDoes() throws Exception {
        proxied("/");
        try (Socket idle = new Socket("127.0.0.1", running.listener.getPort())) {
            OutputStream out = idle.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            idle.setSoTimeout(5000);
            assertThat(new String(idle.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");

            HttpResponse<String> status = get("/status");
            assertThat(status.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            Matcher m = STUB_STATUS.matcher(status.body());
            assertThat(m.matches()).as(status.body()).isTrue();
            long active = Long.parseLong(m.group(1));
            assertThat(active).isGreaterThanOrEqualTo(1);
            assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(2); // accepts
            assertThat(Long.parseLong(m.group(3))).isEqualTo(Long.parseLong(m.group(2))); // handled: none refused
            assertThat(Long.parseLong(m.group(4))).isEqualTo(2); // requests
            assertThat(Long.parseLong(m.group(5)) + Long.parseLong(m.group(6)) + Long.parseLong(m.group(7)))
                    .isEqualTo(active);
            assertThat(Long.parseLong(m.group(7))).isGreaterThanOrEqualTo(1); // the idle keep-alive one waits
        }
    }

    @Test
    void onlyGetAndHeadAndOnlyTheExactPath() throws Exception {
        assertThat(get("/metricsx").statusCode()).isEqualTo(404);
        HttpResponse<String> post = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri("/metrics"))
                .header("Authorization", "Bearer " + AdminServerTest.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<String> head = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri("/status"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    private List<Sample> scrape() throws Exception {
        return scrape(running);
    }

    static List<Sample> scrape(RunningAdmin running) throws Exception {
        HttpResponse<String> r = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri("/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusParser.parse(r.body());
    }

    static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(name, value);
        return all;
    }

    private static double delta(List<Sample> before, List<Sample> after, String name, Map<String, String> labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name + labels)).value();
    }

    static String family(List<Sample> samples, String family) {
        return samples.stream().filter(s -> s.family().equals(family)).findFirst()
                .orElseThrow(() -> new AssertionError("no family " + family)).type();
    }

    private void proxied(String path) throws Exception {
        HttpResponse<String> r = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.proxied(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(path.equals("/status?code=500") ? 500 : 200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri(path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
