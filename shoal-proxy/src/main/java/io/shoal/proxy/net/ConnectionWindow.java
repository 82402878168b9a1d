package io.shoal.proxy.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;

/**
 * An HTTP/2 connection's receive window, which SETTINGS cannot change (RFC 9113 section 6.9.2): it starts
 * at 65,535 bytes for every connection, so a larger one is opened with a WINDOW_UPDATE on stream 0.
 * Both sides of the proxy open theirs, so that one stalled stream does not hold the connection's others.
 */
public final class ConnectionWindow {
    private ConnectionWindow() {}

    /** Opens the connection's receive window to {@code sizeBytes}, once the connection is active. */
    public static void open(ChannelHandlerContext ctx, int sizeBytes) {
        int increment = sizeBytes - Http2CodecUtil.DEFAULT_WINDOW_SIZE;
        if (increment > 0) {
            ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(increment));
        }
    }
}
