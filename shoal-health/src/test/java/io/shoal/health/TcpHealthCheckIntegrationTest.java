package io.shoal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.HealthCheckConfig;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HAProxy's {@code tcp-check send PING\r\n} / {@code tcp-check expect string PONG}, and the plain connect check. */
class TcpHealthCheckIntegrationTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final int RISE = 2;
    private static final int FALL = 2;

    private final Resources resources = new Resources();

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    @Test
    void sendExpectPassesOnPongAndFailsOnGarbageSayingWhatCameBack() throws Exception {
        LineServer pong = resources.track(new LineServer(LineServer.pong()));
        LineServer garbage = resources.track(new LineServer(LineServer.garbage()));
        HealthCheckConfig check = TestConfigs.tcp("PING\r\n", "PONG", INTERVAL, TIMEOUT, RISE, FALL);
        RunningProxy proxy = resources.track(new RunningProxy(
                TestConfigs.web(TestConfigs.health(check), pong.address(), garbage.address())));
        Server pongServer = proxy.server(pong.address());
        Server garbageServer = proxy.server(garbage.address());

        await().atMost(Duration.ofSeconds(5)).until(() -> pongServer.state() == ServerState.UP);
        assertThat(pongServer.status().reason()).isEqualTo("passed " + RISE + " checks (got PONG)");
        assertThat(pongServer.checks().last().passed()).isTrue();
        assertThat(pong.received).hasSizeGreaterThanOrEqualTo(RISE).allMatch("PING"::equals);

        // The garbage server keeps the connection open after its answer, so each check ends by timeout.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> garbage.connections.get() > RISE && garbageServer.checks().last() != null);
        assertThat(garbageServer.state()).isEqualTo(ServerState.DOWN);
        assertThat(proxy.states.of(garbageServer)).as("it never came UP").isEmpty();
        assertThat(garbageServer.checks().last().passed()).isFalse();
        assertThat(garbageServer.checks().last().detail())
                .isEqualTo("timeout after " + TIMEOUT.toMillis() + " ms: expected PONG, got 'HELLO garbage'");

        // And the other way: the healthy one starts answering garbage and is taken DOWN after `fall` checks.
        pong.answer = LineServer.garbage();
        await().atMost(Duration.ofSeconds(5)).until(() -> pongServer.state() == ServerState.DOWN);
        assertThat(pongServer.status().reason())
                .isEqualTo("failed " + FALL + " checks (timeout after " + TIMEOUT.toMillis()
                        + " ms: expected PONG, got 'HELLO garbage')");
    }

    @Test
    void oneCheckIsCountedInTheSingular() throws Exception {
        LineServer pong = resources.track(new LineServer(LineServer.pong()));
        HealthCheckConfig check = TestConfigs.tcp("PING\r\n", "PONG", INTERVAL, TIMEOUT, 1, 1);
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(TestConfigs.health(check), pong.address())));
        Server server = proxy.server(pong.address());

        await().atMost(Duration.ofSeconds(5)).until(() -> server.state() == ServerState.UP);
        assertThat(server.status().reason()).isEqualTo("passed 1 check (got PONG)");
        pong.answer = LineServer.garbage();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.state() == ServerState.DOWN);
        assertThat(server.status().reason()).startsWith("failed 1 check (timeout after ");
    }

    @Test
    void aConnectCheckPassesOnAnyListenerAndFailsOnAClosedPort() throws Exception {
        LineServer live = resources.track(new LineServer(LineServer.garbage()));
        int closedPort = closedPort();
        HealthCheckConfig check = TestConfigs.tcp(null, null, INTERVAL, TIMEOUT, RISE, FALL);
        RunningProxy proxy = resources.track(new RunningProxy(
                TestConfigs.web(TestConfigs.health(check), live.address(), "127.0.0.1:" + closedPort)));
        Server liveServer = proxy.server(live.address());
        Server closedServer = proxy.server("127.0.0.1:" + closedPort);

        await().atMost(Duration.ofSeconds(5)).until(() -> liveServer.state() == ServerState.UP
                && closedServer.checks().last() != null);
        assertThat(liveServer.checks().last().detail()).isEqualTo("connected");
        assertThat(live.received).as("a connect check sends nothing").isEmpty();
        assertThat(closedServer.state()).isEqualTo(ServerState.DOWN);
        assertThat(closedServer.checks().last().detail()).startsWith("connect failed: ");
    }

    @Test
    void aServerThatHasNeverBeenUpSaysWhatItsLastCheckSaw() throws Exception {
        LineServer live = resources.track(new LineServer(LineServer.garbage()));
        int closedPort = closedPort();
        int neverReachedRise = 100;
        HealthCheckConfig check = TestConfigs.tcp(null, null, INTERVAL, TIMEOUT, neverReachedRise, FALL);
        RunningProxy proxy = resources.track(new RunningProxy(
                TestConfigs.web(TestConfigs.health(check), live.address(), "127.0.0.1:" + closedPort)));
        Server closedServer = proxy.server("127.0.0.1:" + closedPort);
        Server liveServer = proxy.server(live.address());
        long downSince = closedServer.status().sinceNanos();

        await().atMost(Duration.ofSeconds(5)).until(() -> closedServer.checks().count(false) >= 2 && liveServer.checks().count(true) >= 2);
        assertThat(closedServer.state()).isEqualTo(ServerState.DOWN);
        assertThat(closedServer.status().reason()).matches("failed \\d+ checks? \\(connect failed: .+\\)");
        assertThat(closedServer.status().sinceNanos()).as("still DOWN since it was created").isEqualTo(downSince);
        assertThat(liveServer.status().reason()).matches("passed \\d+ of " + neverReachedRise + " checks \\(connected\\)");
        assertThat(proxy.states.of(closedServer)).as("no state change to announce").isEmpty();
    }

    /** A loopback port nothing listens on: it refuses connections. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
