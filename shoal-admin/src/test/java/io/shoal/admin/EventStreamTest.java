package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.shoal.replicas.ResourceSample;
import io.shoal.testing.TestBackend;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GET /api/v1/stream over a real proxy with traffic: the history first, then ticks carrying the very bodies of
 * GET /api/v1/services and /replicas; open streams hold none of the admin's two request threads, clients that go
 * away are dropped, a client that stops reading holds up no other stream, and closing the admin ends every stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestBackend backend;
    private AdminServerTest.FakeControl control;
    private RunningAdmin running;
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** One event of the stream: its name and its data as JSON. */
    record Event(String name, JsonNode data) {}

    @BeforeEach
    void start() throws Exception {
        backend = new TestBackend("backend");
        control = new AdminServerTest.FakeControl(backend.port());
        running = RunningAdmin.start(control,
                AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of()), List.of(backend.address()));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        running.close();
        backend.close();
    }

    @Test
    void historyFirstThenTicksWithTheApiBodies() throws Exception {
        for (int i = 0; i < 10; i++) {
            proxied("/");
        }
        running.traffic.sample();

        long connected = System.currentTimeMillis();
        Iterator<Event> events = open();
        Event history = events.next();
        assertThat(history.name()).isEqualTo("history");
        JsonNode seconds = history.data().path("seconds").path("web");
        assertThat(seconds).hasSize(1);
        assertThat(seconds.get(0).path("requestRate").asDouble()).isPositive();
        assertThat(seconds.get(0).fieldNames()).toIterable().containsExactly("atEpochMillis", "requestRate",
                "errorRate", "p50Millis", "p95Millis", "p99Millis");
        assertThat(history.data().path("replicaCounts").path("web").get(0).path("desired").asInt()).isEqualTo(2);

        Event tick = events.next();
        if (tick.data().path("atEpochMillis").asLong() < connected) { // the last tick, sent before the traffic
            tick = events.next();
        }
        assertThat(tick.name()).isEqualTo("tick");
        assertThat(tick.data().path("replicas")).isEqualTo(JSON.readTree(get("/api/v1/replicas").body()));
        assertThat(tick.data().path("listeners"))
                .isEqualTo(JSON.readTree(get("/api/v1/listeners").body()).path("listeners"));
        JsonNode services = tick.data().path("services");
        JsonNode answered = JSON.readTree(get("/api/v1/services").body());
        assertThat(services.path("windowSeconds")).isEqualTo(answered.path("windowSeconds"));
        JsonNode web = services.path("services").get(0);
        assertThat(web.fieldNames()).toIterable().containsExactlyElementsOf(
                () -> answered.path("services").get(0).fieldNames());
        assertThat(web.path("servers").get(0).path("address").asText()).isEqualTo(backend.address());
        assertThat(web.path("servers").get(0).path("responses").path("2xx").asLong()).isEqualTo(10);
        assertThat(web.path("replicas").path("ready").asInt()).isEqualTo(1);

        Event next = events.next();
        assertThat(next.name()).isEqualTo("tick");
        assertThat(next.data().path("atEpochMillis").asLong()).isGreaterThan(tick.data().path("atEpochMillis").asLong());
    }

    /**
     * The replica sampler runs on a timer of its own. Two of its samples between two ticks, then none before the
     * next: a tick that sent "the newest sample" at its own time sent 7 s, 7 s again, and never 6 s. Each sample
     * goes out with its own time, so a client keeping each second once (as the dashboard does) gets every one.
     */
    @Test
    void replicaSamplesReachAClientEachOnceWhateverTheTicksPhase() throws Exception {
        List<ResourceSample> samples = new ArrayList<>();
        for (long second = 1; second <= 5; second++) {
            samples.add(new ResourceSample(second * 1000, second, second * 1_000_000));
        }
        control.samples = List.copyOf(samples);
        Iterator<Event> events = open();
        Event history = events.next();
        assertThat(history.name()).isEqualTo("history");
        List<Long> delivered = new ArrayList<>();
        keepNewer(delivered, history.data().path("usage").path("web-1"));
        assertThat(delivered).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L);

        samples.add(new ResourceSample(6000, 6, 6_000_000));
        samples.add(new ResourceSample(7000, 7, 7_000_000));
        control.samples = List.copyOf(samples);
        JsonNode tick = nextTickWith(events, 7000);
        keepNewer(delivered, tick.path("usage").path("web-1"));
        keepNewer(delivered, nextTickWith(events, 7000).path("usage").path("web-1")); // nothing new
        samples.add(new ResourceSample(8000, 8, 8_000_000));
        control.samples = List.copyOf(samples);
        keepNewer(delivered, nextTickWith(events, 8000).path("usage").path("web-1"));

        assertThat(delivered).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L);
        assertThat(tick.path("usage").path("web-1").get(0).fieldNames()).toIterable()
                .containsExactly("atEpochMillis", "cpuPercent", "rssBytes");
    }

    /** Shoal's own CPU, memory and connections: one sample a tick, all of them in the history of a later client. */
    @Test
    void shoalsOwnFiguresComeWithEveryTickAndInTheHistory() throws Exception {
        Iterator<Event> first = open();
        assertThat(first.next().name()).isEqualTo("history");
        List<Long> ticks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode tick = nextTickWith(first, -1);
            JsonNode own = tick.path("shoal");
            assertThat(own.get(own.size() - 1).path("atEpochMillis").asLong())
                    .isEqualTo(tick.path("atEpochMillis").asLong());
            ticks.add(tick.path("atEpochMillis").asLong());
        }

        JsonNode history = open().next().data().path("shoal");
        List<Long> kept = new ArrayList<>();
        history.forEach(sample -> kept.add(sample.path("atEpochMillis").asLong()));
        assertThat(kept).containsSubsequence(ticks);
        JsonNode newest = history.get(history.size() - 1);
        assertThat(newest.fieldNames()).toIterable().containsExactly("atEpochMillis", "cpuPercent", "rssBytes",
                "heapUsedBytes", "heapMaxBytes", "connections");
        assertThat(newest.path("cpuPercent").asDouble()).isNotNegative();
        assertThat(newest.path("rssBytes").asLong()).isPositive();
        assertThat(newest.path("heapUsedBytes").asLong()).isPositive();
        assertThat(newest.path("connections").fieldNames()).toIterable()
                .containsExactly("active", "reading", "writing", "waiting");
    }

    /** The next tick whose newest web-1 sample is at {@code atEpochMillis} (any tick for -1). */
    private static JsonNode nextTickWith(Iterator<Event> events, long atEpochMillis) {
        while (true) {
            Event event = events.next();
            assertThat(event.name()).isEqualTo("tick");
            JsonNode usage = event.data().path("usage").path("web-1");
            if (atEpochMillis < 0 || usage.path(usage.size() - 1).path("atEpochMillis").asLong() == atEpochMillis) {
                assertThat(usage.size()).isLessThanOrEqualTo(3);
                return event.data();
            }
        }
    }

    /** The dashboard's rule: a sample is new when it is later than the last one kept. */
    private static void keepNewer(List<Long> kept, JsonNode samples) {
        for (JsonNode sample : samples) {
            long at = sample.path("atEpochMillis").asLong();
            if (kept.isEmpty() || at > kept.get(kept.size() - 1)) {
                kept.add(at);
            }
        }
    }

    @Test
    void openStreamsHoldNoneOfTheRequestThreads() throws Exception {
        List<Iterator<Event>> streams = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Iterator<Event> events = open();
            assertThat(events.next().name()).isEqualTo("history");
            streams.add(events);
        }
        HttpResponse<String> services = get("/api/v1/services");
        assertThat(services.statusCode()).isEqualTo(200);
        assertThat(streams.get(0).next().name()).isEqualTo("tick");

        running.admin.close();
        for (Iterator<Event> events : streams) {
            while (events.hasNext()) { // ends once the admin has closed the stream
                events.next();
            }
        }
    }

    @Test
    void clientsThatWentAwayAreDropped() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Socket socket = rawStream();
            readUntil(socket, "event: history");
            sockets.add(socket);
        }
        Socket refused = rawStream();
        assertThat(new String(refused.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                .isEqualTo("HTTP/1.1 503");
        for (Socket socket : sockets) {
            socket.close();
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            try (Socket again = rawStream()) {
                return new String(again.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)
                        .equals("HTTP/1.1 200");
            }
        });
    }

    /**
     * A client that stops reading (a laptop asleep with the dashboard open) fills its connection's buffers; the
     * other streams keep getting their ticks. 3,000 servers make each tick about a megabyte, so the stalled
     * connection is full after a few ticks (four with 2,000 servers on Linux), well before the tenth.
     */
    @Test
    void aClientThatStopsReadingHoldsUpNoOtherStream() throws Exception {
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            servers.add("127.0.0." + (2 + i / 250) + ":" + (1 + i % 250));
        }
        running.close();
        running = RunningAdmin.start(new AdminServerTest.FakeControl(backend.port()),
                AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of()), servers);
        Socket stalled = new Socket();
        clients.add(stalled);
        stalled.setReceiveBufferSize(4096);
        stalled.connect(running.admin.address());
        stalled.getOutputStream().write("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));

        Iterator<Event> events = open();
        assertThat(events.next().name()).isEqualTo("history");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            long last = 0;
            for (int i = 0; i < 10; i++) {
                Event tick = events.next();
                assertThat(tick.name()).isEqualTo("tick");
                assertThat(tick.data().path("atEpochMillis").asLong()).isGreaterThan(last);
                last = tick.data().path("atEpochMillis").asLong();
            }
        }, "ticks stopped: the stalled client held up the stream");
        running.admin.close(); // with a writer still blocked on the stalled client
        while (events.hasNext()) {
            events.next();
        }
    }

    @Test
    void onlyGet() throws Exception {
        HttpResponse<String> post = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri("/api/v1/stream"))
                .header("Authorization", "Bearer " + AdminServerTest.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(get("/api/v1/streams").statusCode()).isEqualTo(404);
    }

    /** Opens the stream; its events, waiting for each (the test's timeout bounds the wait). */
    private Iterator<Event> open() throws Exception {
        HttpResponse<Stream<String>> r = AdminServerTest.CLIENT.send(
                HttpRequest.newBuilder(running.uri("/api/v1/stream")).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        clients.add(r.body()::close);
        Iterator<String> lines = r.body().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Event next() {
                String name = null;
                for (String line = lines.next(); !line.isEmpty(); line = lines.next()) {
                    if (line.startsWith("event: ")) {
                        name = line.substring("event: ".length());
                    } else if (line.startsWith("data: ")) {
                        try {
                            return finish(name, JSON.readTree(line.substring("data: ".length())));
                        } catch (IOException e) {
                            throw new AssertionError("not JSON: " + line, e);
                        }
                    }
                }
                throw new AssertionError("an event without data: " + name);
            }

            private Event finish(String name, JsonNode data) {
                assertThat(lines.next()).as("blank line after the data").isEmpty();
                return new Event(name, data);
            }
        };
    }

    /** A stream read by hand, so that closing the socket is a client going away. */
    private Socket rawStream() throws IOException {
        Socket socket = new Socket("127.0.0.1", running.admin.address().getPort());
        clients.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void readUntil(Socket socket, String text) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(text) < 0) {
            int b = in.read();
            assertThat(b).as("stream ended before '%s': %s", text, seen).isNotNegative();
            seen.append((char) b);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void proxied(String path) throws Exception {
        HttpResponse<String> r = AdminServerTest.CLIENT.send(HttpRequest.newBuilder(running.proxied(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
