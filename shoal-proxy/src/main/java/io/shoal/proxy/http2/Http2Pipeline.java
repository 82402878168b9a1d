package io.shoal.proxy.http2;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.shoal.config.Http2Config;
import io.shoal.config.ProxySettings;
import io.shoal.proxy.http.ProxyContext;
import io.shoal.proxy.http.Routing;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.stats.ConnectionPhase;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.proxy.upstream.Scheme;
import java.net.InetSocketAddress;

/**
 * The HTTP/2 steps of a client connection, after its bytes and TLS steps: {@value #CODEC} (frames, HPACK,
 * flow control, and the protocol's own defences: rapid resets, CONTINUATION floods, header lists over
 * {@code max_header_size}, queued control frames) -> {@value #CONNECTION} (idle timeout, graceful
 * close) -> {@value #STREAMS}, which gives each stream a channel of its own whose only step is a
 * {@link StreamHandler}. One per listener; immutable.
 */
public final class Http2Pipeline {
    public static final String CODEC = "h2-codec";
    public static final String CONNECTION = "h2-connection";
    public static final String STREAMS = "h2-streams";
    /** How long a closing connection waits for its open streams after its GOAWAY. */
    static final long GRACEFUL_CLOSE_MILLIS = 2_000;

    private final ProxyContext proxy;
    private final int listenerIndex;
    private final Scheme scheme;
    private final ResponseFields fields;
    private final ListenerStats listener;
    private final Http2Connections connections;

    public Http2Pipeline(ProxyContext proxy, int listenerIndex, Scheme scheme, ResponseFields fields,
                         ListenerStats listener, Http2Connections connections) {
        this.proxy = proxy;
        this.listenerIndex = listenerIndex;
        this.scheme = scheme;
        this.fields = fields;
        this.listener = listener;
        this.connections = connections;
    }

    public void addTo(ChannelPipeline pipeline, ConnectionPhase phase) {
        ProxySettings settings = proxy.settings();
        Http2Config h2 = settings.http2();
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(new Http2Settings()
                        .maxConcurrentStreams(h2.maxConcurrentStreams())
                        .initialWindowSize(h2.initialWindowSize())
                        .maxFrameSize(h2.maxFrameSize())
                        .maxHeaderListSize(settings.maxHeaderBytes()))
                .gracefulShutdownTimeoutMillis(GRACEFUL_CLOSE_MILLIS)
                .build();
        Routing routing = new Routing(proxy, listenerIndex, scheme, (InetSocketAddress) pipeline.channel().remoteAddress());
        ConnectionStep connection = new ConnectionStep(phase, settings.idleTimeout().toNanos(),
                h2.connectionWindowSize(), connections);
        pipeline.addLast(CODEC, codec);
        pipeline.addLast(CONNECTION, connection);
        pipeline.addLast(STREAMS, new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.config().setAutoRead(false);
                connection.streamOpened(stream);
                stream.pipeline().addLast(new StreamHandler(routing, fields, listener));
            }
        }));
    }
}
