package io.shoal.health;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.shoal.config.HealthCheckConfig;
import io.shoal.topology.Server;
import io.shoal.topology.Service;
import io.shoal.topology.Topology;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs the active health checks of every server and advances slow-start ramps. A probe's I/O runs on the
 * same event loops as the traffic (a few bytes on a socket: it costs next to nothing and never blocks);
 * its result is handed to the topology's control thread, which keeps each check's count and changes
 * states, so that no event loop ever rebuilds a snapshot. Call {@link #sync()} after a configuration
 * change so that checks follow the servers. Threading: its methods may be called from any thread.
 */
public final class HealthChecker implements AutoCloseable {
    private static final Duration RAMP_TICK = Duration.ofMillis(250);

    private final Topology topology;
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final Map<Server, ServerCheck> checks = new IdentityHashMap<>();
    private ScheduledFuture<?> ramp;

    public HealthChecker(Topology topology, EventLoopGroup group, Class<? extends SocketChannel> channelType) {
        this.topology = topology;
        this.group = group;
        this.channelType = channelType;
    }

    public synchronized void start() {
        sync();
        ramp = topology.control().every(RAMP_TICK, topology::refreshWeights);
    }

    /**
     * Starts checks for servers that are new in the current snapshot, stops those of servers gone, and
     * restarts those whose service's check changed (a configuration reload).
     */
    public synchronized void sync() {
        Map<Server, ServerCheck> wanted = new IdentityHashMap<>();
        for (Service service : topology.current().services().values()) {
            HealthCheckConfig config = service.config().health().check();
            if (config == null) {
                continue;
            }
            for (Server server : service.servers()) {
                ServerCheck check = checks.remove(server);
                if (check != null && !check.config().equals(config)) {
                    check.stop();
                    check = null;
                }
                if (check == null) {
                    check = new ServerCheck(server, config, probe(config), group.next(), topology.control());
                    check.start();
                }
                wanted.put(server, check);
            }
        }
        checks.values().forEach(ServerCheck::stop);
        checks.clear();
        checks.putAll(wanted);
    }

    private Probe probe(HealthCheckConfig config) {
        return switch (config.type()) {
            case HTTP -> new HttpProbe(config, channelType);
            case TCP -> new TcpProbe(config, channelType);
            case GRPC -> new GrpcProbe(config, channelType);
        };
    }

    @Override
    public synchronized void close() {
        if (ramp != null) {
            ramp.cancel(false);
        }
        checks.values().forEach(ServerCheck::stop);
        checks.clear();
    }
}
