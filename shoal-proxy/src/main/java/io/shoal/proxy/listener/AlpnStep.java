package io.shoal.proxy.listener;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * Waits for the TLS handshake and installs the steps of the protocol the client chose by ALPN: HTTP/2
 * for {@code h2}, HTTP/1.1 otherwise (a client without ALPN speaks HTTP/1.1). The protocol's steps see
 * the connection become active only then, so their timers start with the protocol.
 */
final class AlpnStep extends ApplicationProtocolNegotiationHandler {
    private final ProtocolChoice choice;

    AlpnStep(ProtocolChoice choice) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.choice = choice;
    }

    /** Held back until the protocol is known; the handshake needs reads (they are explicit). */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        choice.install(ctx.pipeline(), ApplicationProtocolNames.HTTP_2.equals(protocol)
                ? ProtocolChoice.Protocol.HTTP_2 : ProtocolChoice.Protocol.HTTP_1_1);
        ctx.fireChannelActive();
    }

    /** A failed handshake is the client's matter: closed without a log line on the event loop. */
    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
