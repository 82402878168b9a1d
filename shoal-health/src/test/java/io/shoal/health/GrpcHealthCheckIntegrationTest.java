package io.shoal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.shoal.config.HealthCheckConfig;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.ServerState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code grpc} check against grpc-java's own health service ({@code grpc.health.v1.Health}). */
class GrpcHealthCheckIntegrationTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private static final int RISE = 2;
    private static final int FALL = 2;

    private final Resources resources = new Resources();
    private final HealthStatusManager health = new HealthStatusManager();
    private Server grpc;

    @BeforeEach
    void startGrpcServer() throws Exception {
        grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(health.getHealthService())
                .build()
                .start();
    }

    @AfterEach
    void close() throws Exception {
        resources.close();
        grpc.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private String address() {
        return "127.0.0.1:" + grpc.getPort();
    }

    private io.shoal.topology.Server checked(String service) throws Exception {
        HealthCheckConfig check = TestConfigs.grpc(service, INTERVAL, TIMEOUT, RISE, FALL);
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(TestConfigs.health(check), address())));
        return proxy.server(address());
    }

    @Test
    void aServingServerComesUpAndGoesDownWhenItStopsServing() throws Exception {
        io.shoal.topology.Server server = checked(null);

        await().atMost(Duration.ofSeconds(10)).until(() -> server.state() == ServerState.UP);
        assertThat(server.status().reason()).isEqualTo("passed " + RISE + " checks (SERVING)");

        health.setStatus("", ServingStatus.NOT_SERVING);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.state() == ServerState.DOWN);
        assertThat(server.status().reason()).isEqualTo("failed " + FALL + " checks (NOT_SERVING)");
    }

    @Test
    void theNamedServiceIsAskedAbout() throws Exception {
        health.setStatus("test.Echo", ServingStatus.SERVING);
        io.shoal.topology.Server server = checked("test.Echo");

        await().atMost(Duration.ofSeconds(10)).until(() -> server.state() == ServerState.UP);

        health.setStatus("test.Echo", ServingStatus.NOT_SERVING);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.state() == ServerState.DOWN);
        assertThat(server.checks().last().detail()).isEqualTo("NOT_SERVING");
    }

    @Test
    void anUnknownServiceFailsWithTheGrpcStatusAndMessage() throws Exception {
        io.shoal.topology.Server server = checked("no.Such");

        await().atMost(Duration.ofSeconds(10)).until(() -> server.checks().last() != null);
        assertThat(server.state()).isEqualTo(ServerState.DOWN);
        assertThat(server.checks().last().passed()).isFalse();
        assertThat(server.checks().last().detail()).startsWith("grpc-status 5: ").contains("no.Such");
    }

    @Test
    void aServerThatDoesNotSpeakHttp2Fails() throws Exception {
        LineServer line = resources.track(new LineServer(LineServer.garbage()));
        HealthCheckConfig check = TestConfigs.grpc(null, INTERVAL, TIMEOUT, RISE, FALL);
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(TestConfigs.health(check), line.address())));
        io.shoal.topology.Server server = proxy.server(line.address());

        await().atMost(Duration.ofSeconds(10)).until(() -> server.checks().last() != null);
        assertThat(server.state()).isEqualTo(ServerState.DOWN);
        assertThat(server.checks().last().passed()).isFalse();
        assertThat(server.checks().last().detail()).contains("not SETTINGS");
    }
}
