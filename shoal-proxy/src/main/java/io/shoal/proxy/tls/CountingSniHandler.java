package io.shoal.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Mapping;

/** Picks the context by SNI, as Netty's handler does, and counts how the handshake that follows ends. */
final class CountingSniHandler extends SniHandler {
    private final Handshakes handshakes;

    CountingSniHandler(Mapping<String, SslContext> contexts, Handshakes handshakes, long handshakeTimeoutMillis) {
        super(contexts, handshakeTimeoutMillis);
        this.handshakes = handshakes;
    }

    @Override
    protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
        return handshakes.counting(super.newSslHandler(context, allocator));
    }
}
