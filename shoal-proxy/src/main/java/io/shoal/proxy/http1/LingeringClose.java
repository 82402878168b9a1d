package io.shoal.proxy.http1;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.TimeUnit;

/**
 * Closes a client connection after a response without losing that response. Closing a socket whose
 * receive buffer still holds unread request bytes makes the kernel send RST, and the client may then
 * discard the response it already received. Like nginx's {@code lingering_close}, Shoal half-closes,
 * reads and discards what the client still sends for a short while, then closes.
 */
final class LingeringClose {
    static final long LINGER_MILLIS = 2000;

    private LingeringClose() {}

    /** After {@code lastWrite} completes, half-close, drain, and close. */
    static void after(ChannelFuture lastWrite) {
        lastWrite.addListener(f -> {
            Channel channel = lastWrite.channel();
            if (!f.isSuccess() || !(channel instanceof DuplexChannel)) {
                channel.close();
                return;
            }
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                linger((DuplexChannel) channel);
            } else {
                // close_notify first: without it a TLS client cannot tell the end of the response from a cut
                tls.closeOutbound().addListener(sent -> linger((DuplexChannel) channel));
            }
        });
    }

    private static void linger(DuplexChannel channel) {
        channel.shutdownOutput();
        channel.config().setAutoRead(true); // the handlers in front release what is read
        channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }
}
