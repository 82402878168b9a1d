package io.shoal.proxy.http2;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;

/**
 * The open HTTP/2 client connections of a proxy, so that a stop can drain them: each gets a GOAWAY,
 * finishes the streams it has (up to a bound) and closes, while clients open new streams elsewhere.
 */
public final class Http2Connections {
    private final ChannelGroup open = new DefaultChannelGroup("http2-clients", GlobalEventExecutor.INSTANCE);

    void add(Channel connection) {
        open.add(connection); // removed by the group itself when it closes
    }

    /** Sends every connection its GOAWAY and waits until they closed, or {@code limit} passed. Off the event loops. */
    public void drain(Duration limit) {
        open.close().awaitUninterruptibly(limit.toMillis());
    }
}
