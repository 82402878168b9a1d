package io.shoal.proxy;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.shoal.config.ProxySettings;
import io.shoal.topology.Topology;
import java.util.IdentityHashMap;
import java.util.Map;

/** What every connection of one proxy shares. Immutable after construction, so read freely from any loop. */
final class ProxyContext {
    private final Topology topology;
    private final ProxySettings settings;
    private final AccessLog accessLog;
    private final TrustedProxies trustedProxies;
    private final Map<EventExecutor, UpstreamPool> pools = new IdentityHashMap<>();

    ProxyContext(Topology topology, ProxySettings settings, AccessLog accessLog, EventLoopGroup group, Transport transport) {
        this.topology = topology;
        this.settings = settings;
        this.accessLog = accessLog;
        this.trustedProxies = TrustedProxies.parse(settings.trustedProxies());
        for (EventExecutor executor : group) {
            pools.put(executor, new UpstreamPool((EventLoop) executor, transport));
        }
    }

    Topology topology() {
        return topology;
    }

    ProxySettings settings() {
        return settings;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /** The pool of the event loop the caller runs on. */
    UpstreamPool pool(EventLoop loop) {
        return pools.get(loop);
    }
}
