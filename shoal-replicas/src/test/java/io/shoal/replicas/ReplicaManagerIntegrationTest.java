package io.shoal.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.shoal.config.AccessLogConfig;
import io.shoal.config.BalanceConfig;
import io.shoal.config.HealthCheckConfig;
import io.shoal.config.HealthConfig;
import io.shoal.config.HostPort;
import io.shoal.config.ListenerConfig;
import io.shoal.config.PoolConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.QueueConfig;
import io.shoal.config.RestartPolicy;
import io.shoal.config.RetryPolicy;
import io.shoal.config.RouteConfig;
import io.shoal.config.RunConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.UpstreamTimeouts;
import io.shoal.health.HealthChecker;
import io.shoal.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real replica processes, real health checks: the replica set converges, restarts, gives up, and cleans up. */
class ReplicaManagerIntegrationTest {
    @TempDir
    Path dir;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Topology topology;
    private HealthChecker health;
    private ReplicaManager manager;
    private final StringBuffer console = new StringBuffer();

    private void start(int replicas, Map<String, String> env, RestartPolicy restart) {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), EchoApp.class.getName());
        HealthCheckConfig ready = new HealthCheckConfig(HealthCheckConfig.Type.TCP, null, null, null, List.of(), null,
                null, null, null, Duration.ofMillis(200), Duration.ofMillis(100), 0, Duration.ofMillis(300), 1, 2, false, null);
        RunConfig run = new RunConfig(command, env, null, "PORT", replicas, restart, Duration.ofSeconds(5),
                Duration.ofSeconds(20));
        ServiceConfig web = new ServiceConfig("web", List.of(), BalanceConfig.of(BalanceConfig.Algorithm.ROUND_ROBIN),
                null, UpstreamTimeouts.defaults(), RetryPolicy.defaults(), QueueConfig.defaults(), PoolConfig.defaults(),
                new HealthConfig(ready, null, io.shoal.config.PanicConfig.defaults(), Duration.ZERO,
                        Duration.ofSeconds(5)), run, null, null, ServiceConfig.Protocol.HTTP_1_1);
        ShoalConfig config = new ShoalConfig("test", ProxySettings.defaults(),
                List.of(new ListenerConfig(new HostPort("127.0.0.1", 0), List.of(RouteConfig.catchAll("web")))),
                Map.of("web", web), AccessLogConfig.off());
        topology = Topology.of(config);
        health = new HealthChecker(topology, group, NioSocketChannel.class);
        health.start();
        manager = new ReplicaManager(topology, new LocalProcessDriver(new OrphanRegistry(dir.resolve("replicas.json"))),
                health::sync, (id, line) -> console.append(id).append(" | ").append(line).append('\n'));
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
        if (health != null) {
            health.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (topology != null) {
            topology.close();
        }
    }

    private long ready() {
        return manager.replicas().stream().filter(r -> r.state().equals("READY")).count();
    }

    @Test
    void scalesUpAndDownAndEveryReplicaIsInThePoolOnceReady() throws Exception {
        start(1, Map.of(), RestartPolicy.defaults());
        manager.start().get(30, TimeUnit.SECONDS);
        assertThat(ready()).isEqualTo(1);

        manager.scale("web", 3).get(30, TimeUnit.SECONDS);
        assertThat(manager.replicas()).extracting(ReplicaView::id).containsExactlyInAnyOrder("web-1", "web-2", "web-3");
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> topology.current().service("web").servers().stream()
                .filter(s -> s.state() == io.shoal.topology.ServerState.UP).count() == 3);
        List<Long> pids = manager.replicas().stream().map(ReplicaView::pid).toList();
        Awaitility.await().atMost(5, TimeUnit.SECONDS)
                .until(() -> console.toString().contains("web-2 | web-2 listening on"));

        manager.scale("web", 1).get(30, TimeUnit.SECONDS);
        assertThat(manager.replicas()).extracting(ReplicaView::id).containsExactly("web-1");
        assertThat(topology.current().service("web").servers()).hasSize(1);
        for (long pid : pids.subList(1, 3)) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void aKilledReplicaLeavesThePoolAndIsRestarted() throws Exception {
        start(2, Map.of(), RestartPolicy.defaults());
        manager.start().get(30, TimeUnit.SECONDS);
        ReplicaView victim = manager.replicas().get(0);

        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();

        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> manager.replicas().stream()
                .anyMatch(r -> r.id().equals(victim.id()) && r.state().equals("READY") && r.pid() != victim.pid()));
        assertThat(manager.replicas().stream().filter(r -> r.id().equals(victim.id())).findFirst().orElseThrow()
                .restarts()).isEqualTo(1);
        assertThat(console.toString()).contains(victim.id() + " | shoal: exited with code 137");
    }

    @Test
    void aReplicaThatCrashesOnStartIsRestartedWithBackoffThenGivenUp() throws Exception {
        RestartPolicy quick = new RestartPolicy(RestartPolicy.Mode.ALWAYS, Duration.ofMillis(50),
                Duration.ofMillis(400), 3, Duration.ofMinutes(1));
        start(1, Map.of("CRASH", "1"), quick);
        manager.start();

        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> manager.replicas().stream()
                .anyMatch(r -> r.state().equals("FAILED")));
        ReplicaView failed = manager.replicas().get(0);
        long exits = console.toString().lines().filter(l -> l.startsWith("web-1 | shoal: exited with code")).count();
        assertThat(exits).isEqualTo(4); // the first run and 3 restarts
        assertThat(failed.message()).isEqualTo("exited 4 times within 60s; giving up (restart policy always,"
                + " max_restarts 3)");
        assertThat(console.toString()).contains("web-1 | crashing on purpose");
    }

    @Test
    void blueGreenSwitchesToTheWholeNewSetAtOnceAndCanSwitchBack() throws Exception {
        start(2, Map.of("GREETING", "hello"), RestartPolicy.defaults());
        manager.start().get(30, TimeUnit.SECONDS);
        List<Long> blue = manager.replicas().stream().map(ReplicaView::pid).toList();

        String result = manager.blueGreen("web", Map.of("GREETING", "bonjour"), Duration.ofSeconds(30))
                .get(30, TimeUnit.SECONDS);

        assertThat(result).isEqualTo("switched web to the new set; the previous one is kept for 30s"
                + " (switch back with 'shoal rollout web --switch-back')");
        assertThat(greetingsOfServersUp()).containsOnly("bonjour").hasSize(2);
        assertThat(manager.replicas()).filteredOn(r -> blue.contains(r.pid())).extracting(ReplicaView::state)
                .containsOnly("STANDBY");

        assertThat(manager.switchBack("web")).isEqualTo("switched web back to the previous set");
        assertThat(greetingsOfServersUp()).containsOnly("hello").hasSize(2);
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> manager.replicas().size() == 2);
    }

    /** What each UP server answers, asked directly. */
    private List<String> greetingsOfServersUp() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        List<String> greetings = new java.util.ArrayList<>();
        for (io.shoal.topology.Server server : topology.current().service("web").servers()) {
            if (server.state() == io.shoal.topology.ServerState.UP) {
                String body = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://" + server.config().address() + "/")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                greetings.add(body.substring(0, body.indexOf(' ')));
            }
        }
        return greetings;
    }

    @Test
    void orphansOfAKilledShoalAreStoppedByTheNextOne() throws Exception {
        start(2, Map.of(), RestartPolicy.defaults());
        manager.start().get(30, TimeUnit.SECONDS);
        List<Long> pids = manager.replicas().stream().map(ReplicaView::pid).toList();
        // A Shoal killed with SIGKILL leaves its children and its registry file behind; emulate by reading it fresh.
        OrphanRegistry next = new OrphanRegistry(dir.resolve("replicas.json"));

        List<OrphanRegistry.Entry> stopped = next.stopOrphans();

        assertThat(stopped).extracting(OrphanRegistry.Entry::pid).containsExactlyInAnyOrderElementsOf(pids);
        for (long pid : pids) {
            Awaitility.await().atMost(5, TimeUnit.SECONDS)
                    .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }
}
