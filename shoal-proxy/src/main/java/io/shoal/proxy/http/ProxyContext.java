package io.shoal.proxy.http;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.shoal.config.ProxySettings;
import io.shoal.proxy.Transport;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.net.AddressRanges;
import io.shoal.proxy.net.ConnectionsPerAddress;
import io.shoal.proxy.policy.Policies;
import io.shoal.proxy.tls.UpstreamContexts;
import io.shoal.proxy.upstream.RequestQueue;
import io.shoal.proxy.upstream.UpstreamPool;
import io.shoal.topology.Server;
import io.shoal.topology.Service;
import io.shoal.topology.Topology;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every connection of one proxy shares. Immutable after construction, so read freely from any loop. */
public final class ProxyContext {
    private final Topology topology;
    private final ProxySettings settings;
    private final AccessLog accessLog;
    private final AddressRanges trustedProxies;
    private final Policies policies = new Policies();
    private final ConnectionsPerAddress connectionsPerClient;
    private final Map<EventExecutor, UpstreamPool> pools;
    private final ConcurrentHashMap<String, RequestQueue> queues = new ConcurrentHashMap<>();

    /** @param pools one upstream pool per event loop */
    public ProxyContext(Topology topology, ProxySettings settings, AccessLog accessLog, Map<EventExecutor, UpstreamPool> pools) {
        this.topology = topology;
        this.settings = settings;
        this.accessLog = accessLog;
        this.trustedProxies = AddressRanges.parse(settings.trustedProxies());
        this.connectionsPerClient = new ConnectionsPerAddress(settings.maxConnectionsPerClient());
        this.pools = pools;
    }

    /** Pools of TCP connections, one per event loop of {@code group}, sharing the contexts of TLS to servers. */
    public static Map<EventExecutor, UpstreamPool> tcpPools(EventLoopGroup group, Transport transport,
                                                           UpstreamContexts tls) {
        Map<EventExecutor, UpstreamPool> pools = new IdentityHashMap<>();
        for (EventExecutor executor : group) {
            pools.put(executor, new UpstreamPool(UpstreamPool.Connector.tcp((EventLoop) executor, transport), tls));
        }
        return pools;
    }

    public Topology topology() {
        return topology;
    }

    public ProxySettings settings() {
        return settings;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    /** The client connections each address holds, across every listener. */
    public ConnectionsPerAddress connectionsPerClient() {
        return connectionsPerClient;
    }

    Policies policies() {
        return policies;
    }

    AddressRanges trustedProxies() {
        return trustedProxies;
    }

    /** The queue of a service whose servers have {@code max_conns}, or null when none has a limit. */
    RequestQueue queue(Service service) {
        if (!service.limitsConnections()) {
            return null;
        }
        RequestQueue queue = queues.get(service.name());
        return queue != null ? queue : queues.computeIfAbsent(service.name(),
                name -> new RequestQueue(service.config().queue().size(), topology.queue(name)));
    }

    public int queued(String serviceName) {
        RequestQueue queue = queues.get(serviceName);
        return queue == null ? 0 : queue.size();
    }

    /** On every event loop, closes the idle connections to {@code server}. */
    public void closeIdleConnections(Server server) {
        for (Map.Entry<EventExecutor, UpstreamPool> entry : pools.entrySet()) {
            UpstreamPool pool = entry.getValue();
            entry.getKey().execute(() -> pool.closeIdle(server));
        }
    }

    /** The pool of the event loop the caller runs on. */
    UpstreamPool pool(EventLoop loop) {
        return pools.get(loop);
    }
}
