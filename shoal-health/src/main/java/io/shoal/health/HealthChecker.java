package io.shoal.health;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.shoal.config.HealthCheckConfig;
import io.shoal.topology.Server;
import io.shoal.topology.Service;
import io.shoal.topology.Topology;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the active health checks of every server, on the same event loops as the traffic (a check is
 * a few bytes on a socket: it costs next to nothing and never blocks), and advances slow-start ramps.
 * Call {@link #sync()} after a configuration change so that checks follow the servers.
 */
public final class HealthChecker implements AutoCloseable {
    private static final long RAMP_TICK_MILLIS = 250;

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
        ramp = group.next().scheduleAtFixedRate(topology::refreshWeights, RAMP_TICK_MILLIS, RAMP_TICK_MILLIS,
                TimeUnit.MILLISECONDS);
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
                    EventLoop loop = group.next();
                    check = new ServerCheck(server, config, probe(config), loop);
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
        return config.type() == HealthCheckConfig.Type.HTTP ? new HttpProbe(config, channelType)
                : new TcpProbe(config, channelType);
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
