package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.shoal.config.ServiceConfig;
import io.shoal.proxy.log.ProxyEvents;
import io.shoal.topology.Server;

/**
 * One try of a request on one server: gets a way to the server (an HTTP/1.1 connection of its own,
 * {@link Http1Attempt}, or a stream on a shared HTTP/2 connection, {@link Http2Attempt}), writes the head
 * and the body, and hands what the server answers to its {@link Downstream}, which never learns the
 * protocol. Reads of the response follow the client's writability, so a slow client slows the server
 * down instead of filling memory. Counts in the server's in-flight requests from its start to {@link #end()}.
 *
 * <p>Event-loop confined: the upstream connection is on the client connection's loop.
 */
public abstract class UpstreamAttempt {
    /** Where this attempt is. */
    enum Stage {
        CONNECTING,
        /** The head went out; the response head has not come. */
        SENT,
        RECEIVING,
        /** Receiving, but the client connection is full: no read until it drains. */
        PAUSED,
        /** Out of the server's in-flight count; the connection, if any, is released or closed. */
        ENDED
    }

    final Downstream downstream;
    final UpstreamDispatch dispatch;
    final ForwardedRequest request;
    final Server server;
    private final Channel client;
    private final long startNanos;
    private Stage stage = Stage.CONNECTING;
    private long lastActivityNanos;
    private long sentNanos;

    /**
     * Counts the request in the server's in-flight count at once (see {@link UpstreamDispatch}'s drain rule).
     * What the server answers goes to {@code downstream}; what goes wrong, to {@code dispatch}, which retries.
     */
    UpstreamAttempt(Downstream downstream, UpstreamDispatch dispatch, Channel client, ForwardedRequest request,
                    Server server, long startNanos) {
        this.downstream = downstream;
        this.dispatch = dispatch;
        this.client = client;
        this.request = request;
        this.server = server;
        this.startNanos = startNanos;
        server.onRequestStart();
    }

    /** An attempt in the protocol {@code service} speaks to its servers. */
    static UpstreamAttempt of(ServiceConfig service, Downstream downstream, UpstreamDispatch dispatch, Channel client,
                              ForwardedRequest request, Server server, long startNanos) {
        return service.protocol() == ServiceConfig.Protocol.H2
                ? new Http2Attempt(downstream, dispatch, client, request, server, startNanos)
                : new Http1Attempt(downstream, dispatch, client, request, server, startNanos);
    }

    public Server server() {
        return server;
    }

    Stage stage() {
        return stage;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The last time a byte moved to or from the server. */
    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** When the request head was written to the server: the start of its response time. */
    long sentNanos() {
        return sentNanos;
    }

    /** Whether the request's head went out to the server: from then on it may have acted on it. */
    boolean sent() {
        return stage != Stage.CONNECTING;
    }

    /** Gets a way to the server (an idle connection, a new one, a stream) and sends the head there. */
    abstract void connect(UpstreamPool pool, ServiceConfig service, int maxHeaderBytes);

    /** No way to the server: the dispatch records it against the server and may retry elsewhere. */
    final void connectFailed(Throwable cause) {
        ProxyEvents.connectFailed(server, cause);
        dispatch.onConnectFailed(this, timedOut(cause));
    }

    /** A server that accepts the connection but never answers the TLS handshake is as silent as one that never accepts. */
    private static boolean timedOut(Throwable cause) {
        return cause instanceof ConnectTimeoutException || cause instanceof SslHandshakeTimeoutException;
    }

    /** The head was written (not flushed): the downstream writes what it holds of the body, and flushes. */
    final void headSent() {
        stage = Stage.SENT;
        sentNanos = lastActivityNanos = System.nanoTime();
        downstream.onAttached(this);
    }

    /** Writes a part of the body (not flushed: {@link #flush} follows). */
    public final void write(HttpContent part) {
        writePart(part);
        lastActivityNanos = System.nanoTime();
    }

    abstract void writePart(HttpContent part);

    public abstract void flush();

    /** Whether the way to the server has room: the client's body is read only then. */
    public abstract boolean writable();

    /** The trailer fields that ended the response, or null when it had none. */
    public HttpHeaders trailers() {
        return null;
    }

    /** Asks the server's side for the next part of the response, if there is still a way to it. */
    abstract void readUpstream();

    // --- from the upstream side's handler ------------------------------------------------------

    /** A response head ({@link UpstreamHead}), a part of its body, or a {@link UpstreamResponseDecoder.Marker}. */
    final void onRead(Object msg) {
        lastActivityNanos = System.nanoTime();
        if (stage == Stage.ENDED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!client.isActive()) {
            // The client closed and the loop has not told its handler yet: stop here rather than write
            // to a closed channel, a path so rare that taking it makes the JIT recompile the write path.
            ReferenceCountUtil.release(msg);
            downstream.abort();
            return;
        }
        if (msg instanceof UpstreamHead head) {
            dispatch.onResponseHead(this, head);
        } else if (msg == UpstreamResponseDecoder.Marker.INVALID || stage == Stage.SENT) {
            ReferenceCountUtil.release(msg);
            dispatch.onInvalidResponse(this);
        } else if (msg == UpstreamResponseDecoder.Marker.END) {
            downstream.onResponseEnd(this);
        } else {
            downstream.onResponseBody((ByteBuf) msg);
            readIfClientWritable();
        }
    }

    /** The way to the server closed; before the end of the response, that is the server's failure. */
    final void closedByServer() {
        if (stage != Stage.ENDED) {
            dispatch.onUpstreamClosed(this);
        }
    }

    final void upstreamWritable() {
        downstream.upstreamWritable();
    }

    // --- from the downstream and the dispatch ---------------------------------------------------------------------

    /** Reads on after an interim response (1xx), which the proxy does not pass on. */
    final void readNext() {
        readUpstream();
    }

    /** The response head was passed on: read its body at the client's pace. */
    final void receiving() {
        stage = Stage.RECEIVING;
        readIfClientWritable();
    }

    private void readIfClientWritable() {
        if (client.isWritable()) {
            readUpstream();
        } else {
            stage = Stage.PAUSED;
        }
    }

    /** The client connection drained below its low-water mark. */
    public final void clientWritable() {
        if (stage == Stage.PAUSED) {
            stage = Stage.RECEIVING;
            readUpstream();
        }
    }

    /** Leaves the server's in-flight count, once; the connection stays for {@link #release} or {@link #close}. */
    public final void end() {
        if (stage != Stage.ENDED) {
            stage = Stage.ENDED;
            server.onRequestEnd();
        }
    }

    /** After a clean exchange: the way to the server goes back to this loop's pool, or closes. */
    abstract void release(UpstreamPool pool, boolean reusable, int maxIdle);

    /** Gives the way to the server up (it is never reused out of step) and ends the attempt. */
    abstract void close();

    /** The connection, no longer this attempt's: for a tunnel after a 101. */
    public abstract Channel detach();
}
