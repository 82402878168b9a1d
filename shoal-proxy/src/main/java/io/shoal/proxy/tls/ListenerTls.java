package io.shoal.proxy.tls;

import io.netty.channel.ChannelHandler;

/**
 * The TLS contexts one listener hands new connections, replaced whole by a reload: handshakes after the
 * swap use the new certificates, connections already open keep theirs. Read on event loops, written by
 * the reload: a volatile reference, no lock.
 */
public final class ListenerTls {
    private final Handshakes handshakes = new Handshakes();
    private volatile ServerTls current;

    ListenerTls(ServerTls current) {
        this.current = current;
    }

    /** The first step of a new client connection's pipeline, its handshake bounded by {@code handshakeTimeoutMillis}. */
    public ChannelHandler newHandler(long handshakeTimeoutMillis) {
        return current.newHandler(handshakes, handshakeTimeoutMillis);
    }

    /** The handshakes on this listener since start, across reloads. */
    public Handshakes handshakes() {
        return handshakes;
    }

    ServerTls current() {
        return current;
    }

    void replace(ServerTls next) {
        current = next;
    }
}
