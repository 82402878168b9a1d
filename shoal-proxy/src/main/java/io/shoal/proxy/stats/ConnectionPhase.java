package io.shoal.proxy.stats;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Tells {@link ConnectionStats} which phase one client connection is in: a request head starts
 * reading, the request's end starts writing, the end of the response returns to waiting. Kept by
 * the connection's proxy step, which sees both ends (responses go out as bytes, so no pipeline step
 * could tell where one ends); an HTTP/2 connection is writing while it has streams open. Event-loop
 * confined, like its connection.
 */
public final class ConnectionPhase {
    static final int WAITING = 0;
    static final int READING = 1;
    static final int WRITING = 2;

    private final ConnectionStats stats;
    private final ListenerStats listener;
    private int phase = WAITING;

    public ConnectionPhase(ConnectionStats stats, ListenerStats listener) {
        this.stats = stats;
        this.listener = listener;
    }

    /** A message of the request arrived from the client. */
    public void read(Object msg) {
        if (msg instanceof HttpRequest) {
            listener.requestArrived();
            if (phase == WAITING) {
                enter(READING);
            }
        }
        if (msg instanceof LastHttpContent && phase == READING) {
            enter(WRITING);
        }
    }

    /** The whole response went out (a 101 does not end one: the connection then is a tunnel, still writing). */
    public void responseEnded() {
        enter(WAITING);
    }

    /** An HTTP/2 connection opened its first stream. */
    public void serving() {
        enter(WRITING);
    }

    public void closed() {
        enter(WAITING);
    }

    private void enter(int next) {
        stats.move(phase, next);
        phase = next;
    }
}
