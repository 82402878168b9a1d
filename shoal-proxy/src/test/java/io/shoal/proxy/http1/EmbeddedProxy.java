package io.shoal.proxy.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shoal.config.ListenerConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.proxy.http.ProxyContext;
import io.shoal.proxy.http2.Http2Connections;
import io.shoal.proxy.listener.ClientChannelInitializer;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.stats.ConnectionStats;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.proxy.tls.TlsProvider;
import io.shoal.proxy.tls.UpstreamContexts;
import io.shoal.proxy.upstream.UpstreamPool;
import io.shoal.topology.Topology;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client connection's whole pipeline on an {@link EmbeddedChannel}, and each upstream connection it
 * opens another one: every step runs on the test's thread, in the order the test drives it, as in
 * Netty's own handler tests. Reads requested from either side are counted, so tests see backpressure.
 */
final class EmbeddedProxy implements AutoCloseable {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50_000);

    final Topology topology;
    /** Client connections, the first opened at once; and the reads asked of each. */
    final List<EmbeddedChannel> clients = new ArrayList<>();
    final Map<EmbeddedChannel, ReadCounter> clientReads = new IdentityHashMap<>();
    /** The upstream connections in the order they were opened, and the reads asked of each. */
    final List<EmbeddedChannel> upstreams = new ArrayList<>();
    final Map<EmbeddedChannel, ReadCounter> upstreamReads = new IdentityHashMap<>();
    /** Servers ("host:port") whose connections are refused. */
    final Set<String> refusing = new HashSet<>();

    private final Map<io.netty.util.concurrent.EventExecutor, UpstreamPool> pools = new IdentityHashMap<>();
    private final ProxyContext context;
    private final ListenerConfig listener;
    private final UpstreamContexts upstreamTls;

    EmbeddedProxy(ShoalConfig config) {
        this.topology = Topology.of(config);
        this.upstreamTls = UpstreamContexts.of(config, TlsProvider.best());
        this.listener = config.listeners().get(0);
        this.context = new ProxyContext(topology, config.proxy(), AccessLog.off(), pools);
        openClient();
    }

    /** Opens one more client connection; each has its own loop, and so its own upstream pool. */
    EmbeddedChannel openClient() {
        ReadCounter reads = new ReadCounter();
        EmbeddedChannel client = new EmbeddedChannel(reads) {
            @Override
            public SocketAddress remoteAddress() {
                return CLIENT;
            }
        };
        client.config().setAutoRead(false); // as the proxy's listeners set it: reads are asked for
        pools.put(client.eventLoop(), new UpstreamPool(this::connect, upstreamTls));
        client.pipeline().addLast(new ClientChannelInitializer(context, 0, Optional.empty(), listener, new AtomicInteger(),
                new ConnectionStats(() -> 1, List.of(new ListenerStats("embedded"))), new Http2Connections()));
        client.pipeline().fireChannelActive(); // the channel was active before its steps were added
        clients.add(client);
        clientReads.put(client, reads);
        return client;
    }

    EmbeddedChannel client() {
        return clients.get(0);
    }

    private io.netty.channel.ChannelFuture connect(InetSocketAddress address, int timeoutMillis,
                                                   ChannelHandler initializer) {
        ReadCounter reads = new ReadCounter();
        EmbeddedChannel upstream = new EmbeddedChannel(reads);
        upstream.config().setAutoRead(false);
        if (refusing.contains(address.getHostString() + ":" + address.getPort())) {
            upstream.close();
            return upstream.newFailedFuture(new ConnectException("refused by the test"));
        }
        upstream.pipeline().addLast(initializer);
        upstreams.add(upstream);
        upstreamReads.put(upstream, reads);
        return upstream.newSucceededFuture();
    }

    /** What the first client sends, as it would arrive from the socket. */
    void clientSends(String bytes) {
        clientSends(0, bytes);
    }

    void clientSends(int client, String bytes) {
        clients.get(client).writeInbound(ascii(bytes));
    }

    /** What the n-th upstream connection's server answers. */
    void serverAnswers(int upstream, String bytes) {
        upstreams.get(upstream).writeInbound(ascii(bytes));
    }

    /** Everything written to the first client since the last call. */
    String clientReceived() {
        return clientReceived(0);
    }

    String clientReceived(int client) {
        return drain(clients.get(client));
    }

    int clientReads() {
        return clientReads.get(client()).reads;
    }

    /** Everything written to the n-th upstream connection since the last call. */
    String serverReceived(int upstream) {
        return drain(upstreams.get(upstream));
    }

    int readsOf(int upstream) {
        return upstreamReads.get(upstreams.get(upstream)).reads;
    }

    /** Makes a channel's outbound buffer look full (or empty again), as a slow peer would. */
    static void setWritable(EmbeddedChannel channel, boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
    }

    private static String drain(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            text.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return text.toString();
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    /** Closes every channel and releases what is left in them; fails if a buffer leaked in between. */
    @Override
    public void close() {
        for (EmbeddedChannel client : clients) {
            client.finishAndReleaseAll();
        }
        for (EmbeddedChannel upstream : upstreams) {
            upstream.finishAndReleaseAll();
        }
        topology.close();
    }

    /** Counts the reads a pipeline asks of its channel: with AUTO_READ off, each is one more chunk allowed in. */
    static final class ReadCounter extends ChannelOutboundHandlerAdapter {
        int reads;

        @Override
        public void read(ChannelHandlerContext ctx) {
            reads++;
            ctx.read();
        }
    }
}
