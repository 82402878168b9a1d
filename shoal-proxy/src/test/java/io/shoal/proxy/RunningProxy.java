package io.shoal.proxy;

import io.shoal.config.ShoalConfig;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.tls.TlsProvider;
import io.shoal.testing.ProxyClient;
import io.shoal.topology.Topology;

/** A started {@link ProxyServer} and a JDK HttpClient pointed at it. */
public final class RunningProxy extends ProxyClient {
    public final ProxyServer server;
    public final Topology topology;

    public RunningProxy(ShoalConfig config) throws InterruptedException {
        this(Topology.of(config), config);
    }

    /** With TLS listeners served by {@code tlsProvider}. */
    public RunningProxy(ShoalConfig config, TlsProvider tlsProvider) throws InterruptedException {
        this(Topology.of(config), config, tlsProvider);
    }

    private RunningProxy(Topology topology, ShoalConfig config) throws InterruptedException {
        this(topology, config, TlsProvider.best());
    }

    private RunningProxy(Topology topology, ShoalConfig config, TlsProvider tlsProvider) throws InterruptedException {
        this(topology, new ProxyServer(config, topology, AccessLog.off(), tlsProvider));
    }

    private RunningProxy(Topology topology, ProxyServer server) throws InterruptedException {
        super(server.start().get(0));
        this.topology = topology;
        this.server = server;
    }

    @Override
    public void close() {
        server.close();
        topology.close();
    }
}
