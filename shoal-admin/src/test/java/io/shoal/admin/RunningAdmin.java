package io.shoal.admin;

import io.shoal.config.ConfigException;
import io.shoal.config.Defaults;
import io.shoal.config.ShoalConfig;
import io.shoal.config.YamlConfigLoader;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.ProxyServer;
import io.shoal.topology.Topology;
import io.shoal.topology.TrafficSampler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real proxy (service {@code web} over the given servers, one loopback listener), its topology and
 * traffic sampler (not started: tests call {@code sample()}), and the admin endpoint over them.
 */
final class RunningAdmin implements AutoCloseable {
    final Topology topology;
    final ProxyServer proxy;
    final TrafficSampler traffic;
    final AdminSources sources;
    final AdminServer admin;
    final InetSocketAddress listener;

    private RunningAdmin(ShoalConfig config, ReplicaControl control, AdminAccess access, Runnable shutdown,
                         Duration timeout) throws IOException, InterruptedException {
        this(config, control, access, shutdown, timeout, Defaults.ADMIN_HEADER_TIMEOUT, null);
    }

    /** @param file the configuration file that {@code POST /api/v1/reload} reads again, or null for none */
    private RunningAdmin(ShoalConfig config, ReplicaControl control, AdminAccess access, Runnable shutdown,
                         Duration timeout, Duration headerTimeout, Path file) throws IOException, InterruptedException {
        topology = Topology.of(config);
        proxy = new ProxyServer(config, topology, AccessLog.off());
        listener = proxy.start().get(0);
        traffic = new TrafficSampler(topology);
        sources = new AdminSources(topology, traffic, proxy.connectionStats(), proxy.accessLog(), proxy.tls(), control, new io.shoal.autoscaler.EventLog());
        ConfigChanges changes = file == null ? ConfigChanges.withoutFile(topology)
                : new ConfigChanges(topology, config, () -> YamlConfigLoader.load(file), () -> { }, proxy.tls()::reload);
        admin = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), access, sources,
                shutdown, timeout, headerTimeout, changes);
    }

    /** Over the configuration in {@code file}, which a reload reads again. */
    static RunningAdmin fromFile(Path file, AdminAccess access) throws Exception {
        return new RunningAdmin(YamlConfigLoader.load(file), new AdminServerTest.FakeControl(), access, () -> { },
                Duration.ofSeconds(5), Defaults.ADMIN_HEADER_TIMEOUT, file);
    }

    /** With a head timeout of {@code headerTimeout}. */
    static RunningAdmin start(ReplicaControl control, AdminAccess access, Duration headerTimeout) throws Exception {
        return new RunningAdmin(config(List.of("127.0.0.1:4001")), control, access, () -> { }, Duration.ofSeconds(5),
                headerTimeout, null);
    }

    static RunningAdmin start(ReplicaControl control, Runnable shutdown, Duration timeout) throws Exception {
        return new RunningAdmin(config(List.of("127.0.0.1:4001")), control,
                AdminAccess.of(AdminServerTest.TOKEN, false, List.of("127.0.0.0/8", "::1"), List.of()), shutdown, timeout);
    }

    static RunningAdmin start(ReplicaControl control, AdminAccess access, List<String> servers) throws Exception {
        return new RunningAdmin(config(servers), control, access, () -> { }, Duration.ofSeconds(5));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + admin.address().getPort() + path);
    }

    URI proxied(String path) {
        return URI.create("http://127.0.0.1:" + listener.getPort() + path);
    }

    private static ShoalConfig config(List<String> servers) throws ConfigException {
        return YamlConfigLoader.parse("listeners:\n  - address: 127.0.0.1:0\nservices:\n  web:\n    servers: "
                + servers + "\n", "test");
    }

    @Override
    public void close() {
        admin.close();
        traffic.close();
        proxy.close();
        topology.close();
    }
}
