package io.shoal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send half a request (slowloris) neither keep the API from answering others nor stay connected
 * past the head timeout; the event stream, long-lived by design, is not cut by it.
 */
class StalledClientsTest {
    /** More than the two threads the admin endpoint once had, fewer than {@link AdminServer#WORKERS}. */
    private static final int STALLED = 8;
    private static final String HALF_A_HEAD = "GET /api/v1/services HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    private static final String BEARER = "Bearer " + AdminServerTest.TOKEN;

    private final List<Socket> sockets = new ArrayList<>();
    private final AdminServerTest.FakeControl control = new AdminServerTest.FakeControl();
    private RunningAdmin running;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        running.close();
    }

    @Test
    void halfSentRequestsDoNotHoldUpTheApi() throws Exception {
        running = RunningAdmin.start(control, access(), Duration.ofMinutes(5)); // the stalls outlast the test
        for (int i = 0; i < STALLED; i++) {
            stall(HALF_A_HEAD);
        }
        Stream<String> stream = AdminServerTest.CLIENT.send(request("/api/v1/stream").build(),
                HttpResponse.BodyHandlers.ofLines()).body();
        assertThat(stream.filter(line -> line.startsWith("event: ")).findFirst()).hasValue("event: history");
        stream.close();
        for (String path : List.of("/api/v1/services", "/api/v1/replicas", "/api/v1/routes", "/metrics", "/status")) {
            assertThat(send(request(path)).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> scale = send(request("/api/v1/services/web/scale").header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofString("{\"replicas\":3}")));
        assertThat(scale.statusCode()).isEqualTo(200);
        assertThat(control.calls).containsExactly("scale web 3");
    }

    @Test
    void connectionsThatDoNotFinishTheirRequestAreClosedAfterTheHeadTimeout() throws Exception {
        running = RunningAdmin.start(control, access(), Duration.ofMillis(300));
        List<Socket> stalled = List.of(stall(HALF_A_HEAD), stall("G"),
                stall("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n"),
                stall("POST /api/v1/services/web/scale HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n"));
        for (Socket socket : stalled) {
            assertClosedByTheServer(socket);
        }
        assertThat(control.calls).isEmpty();
        assertThat(send(request("/api/v1/services")).statusCode()).isEqualTo(200);
    }

    @Test
    void theEventStreamOutlivesTheHeadTimeout() throws Exception {
        running = RunningAdmin.start(control, access(), Duration.ofMillis(300));
        try (Stream<String> stream = AdminServerTest.CLIENT.send(request("/api/v1/stream").build(),
                HttpResponse.BodyHandlers.ofLines()).body()) {
            // The first tick comes with the history; two more take two seconds, well past the head timeout.
            assertThat(stream.filter(line -> line.equals("event: tick")).limit(3).count()).isEqualTo(3);
        }
    }

    private static AdminAccess access() {
        return AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.1"), List.of());
    }

    private Socket stall(String sent) throws IOException {
        Socket socket = new Socket("127.0.0.1", running.admin.address().getPort());
        sockets.add(socket);
        socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Whatever the server wrote first (a refusal, perhaps), then the end of the stream or a reset. */
    private static void assertClosedByTheServer(Socket socket) throws IOException {
        socket.setSoTimeout(10_000); // far beyond the head timeout: a read that waits this long means still open
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // skip the answer, if any
            }
        } catch (SocketException reset) {
            // closed too
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(running.uri(path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return AdminServerTest.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
