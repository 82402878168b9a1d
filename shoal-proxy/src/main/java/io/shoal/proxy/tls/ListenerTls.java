package io.shoal.proxy.tls;

import io.netty.channel.ChannelHandler;

/**
 * The TLS contexts one listener hands new connections, replaced whole by a reload: handshakes after the
 * swap use the new certificates, connections already open keep theirs. Read on event loops, written by
 * the reload: a volatile reference, no lock. Its session ticket keys outlive reloads, so that a reload does
 * not cost every client a full handshake; the reload and the rotation of the keys take its lock.
 */
public final class ListenerTls {
    private final Handshakes handshakes = new Handshakes();
    private final TicketKeys ticketKeys = new TicketKeys();
    private volatile ServerTls current;

    ListenerTls(ServerTls current) {
        current.useTicketKeys(ticketKeys.current());
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

    synchronized void replace(ServerTls next) {
        next.useTicketKeys(ticketKeys.current());
        current = next;
    }

    synchronized void rotateTicketKeys() {
        current.useTicketKeys(ticketKeys.rotate(current.sessionTimeout()));
    }
}
