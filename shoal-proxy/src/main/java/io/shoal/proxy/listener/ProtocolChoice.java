package io.shoal.proxy.listener;

import io.netty.channel.ChannelPipeline;
import io.shoal.proxy.http1.Http1Pipeline;
import io.shoal.proxy.http2.Http2Pipeline;
import io.shoal.proxy.stats.ConnectionPhase;

/** Puts the steps of the protocol a client speaks into its connection's pipeline. One per connection. */
final class ProtocolChoice {
    enum Protocol { HTTP_1_1, HTTP_2 }

    private final Http1Pipeline http1;
    private final Http2Pipeline http2;
    private final ConnectionPhase phase;

    ProtocolChoice(Http1Pipeline http1, Http2Pipeline http2, ConnectionPhase phase) {
        this.http1 = http1;
        this.http2 = http2;
        this.phase = phase;
    }

    /** Adds the protocol's steps at the end of {@code pipeline}. */
    void install(ChannelPipeline pipeline, Protocol protocol) {
        if (protocol == Protocol.HTTP_2) {
            http2.addTo(pipeline, phase);
        } else {
            http1.addTo(pipeline, phase);
        }
    }
}
