package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.shoal.config.UpstreamTlsConfig;
import io.shoal.proxy.log.ProxyEvents;
import io.shoal.topology.Server;

/**
 * One try of a request on one server: takes a pooled connection or opens one, writes the head and
 * the body, and hands what the server answers to its {@link Downstream}. Reads of the response follow
 * the client's writability, so a slow client slows the server down instead of filling memory.
 * Counts in the server's in-flight requests from its start to {@link #end()}.
 *
 * <p>Event-loop confined: the upstream connection is on the client connection's loop.
 */
public final class UpstreamAttempt {
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

    private final Downstream downstream;
    private final UpstreamDispatch dispatch;
    private final Channel client;
    private final ForwardedRequest request;
    private final Server server;
    private final long startNanos;
    private Stage stage = Stage.CONNECTING;
    private Channel upstream;
    private UpstreamHandler handler;
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

    /** Takes an idle pooled connection to the server, or opens one. */
    void connect(UpstreamPool pool, UpstreamTlsConfig tls, long connectTimeoutMillis, long idleTimeoutMillis,
                 int maxHeaderBytes) {
        Channel idle = pool.pollIdle(server);
        if (idle != null) {
            attach(idle);
            return;
        }
        pool.connect(server, tls, connectTimeoutMillis, idleTimeoutMillis, maxHeaderBytes)
                .addListener((ChannelFutureListener) this::onConnected);
    }

    private void onConnected(ChannelFuture future) {
        if (stage != Stage.CONNECTING) {
            if (future.isSuccess()) {
                future.channel().close(); // given up on while connecting
            }
            return;
        }
        if (future.isSuccess()) {
            attach(future.channel());
        } else {
            ProxyEvents.connectFailed(server, future.cause());
            dispatch.onConnectFailed(this, timedOut(future.cause()));
        }
    }

    /** A server that accepts the connection but never answers the TLS handshake is as silent as one that never accepts. */
    private static boolean timedOut(Throwable cause) {
        return cause instanceof ConnectTimeoutException || cause instanceof SslHandshakeTimeoutException;
    }

    private void attach(Channel channel) {
        upstream = channel;
        handler = (UpstreamHandler) channel.pipeline().get(UpstreamPool.HANDLER);
        handler.attach(this, request);
        stage = Stage.SENT;
        upstream.write(request.encodeHead(upstream.alloc()), upstream.voidPromise());
        upstream.read();
        sentNanos = lastActivityNanos = System.nanoTime();
        downstream.onAttached(this); // writes what it holds of the body, and flushes
    }

    /** Writes a part of the body (not flushed: {@link #flush} follows). */
    public void write(HttpContent part) {
        upstream.write(part, upstream.voidPromise());
        lastActivityNanos = System.nanoTime();
    }

    public void flush() {
        upstream.flush();
    }

    /** Whether the connection's outbound buffer has room: the client's body is read only then. */
    public boolean writable() {
        return upstream.isWritable();
    }

    // --- from the upstream connection's handler ------------------------------------------------

    void onRead(Object msg) {
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

    void onClosed() {
        upstream = null;
        handler = null;
        if (stage != Stage.ENDED) {
            dispatch.onUpstreamClosed(this);
        }
    }

    void upstreamWritable() {
        downstream.upstreamWritable();
    }

    // --- from the downstream and the dispatch ---------------------------------------------------------------------

    /** Reads on after an interim response (1xx), which the proxy does not pass on. */
    void readNext() {
        upstream.read();
    }

    /** The response head was passed on: read its body at the client's pace. */
    void receiving() {
        stage = Stage.RECEIVING;
        readIfClientWritable();
    }

    private void readIfClientWritable() {
        if (client.isWritable()) {
            upstream.read();
        } else {
            stage = Stage.PAUSED;
        }
    }

    /** The client connection drained below its low-water mark. */
    public void clientWritable() {
        if (stage == Stage.PAUSED && upstream != null) {
            stage = Stage.RECEIVING;
            upstream.read();
        }
    }

    /** Leaves the server's in-flight count, once; the connection stays for {@link #release} or {@link #close}. */
    public void end() {
        if (stage != Stage.ENDED) {
            stage = Stage.ENDED;
            server.onRequestEnd();
        }
    }

    /** Returns the connection to this loop's pool after a clean exchange, or closes it. */
    void release(UpstreamPool pool, boolean reusable, int maxIdle) {
        end();
        Channel channel = detach();
        if (channel == null) {
            return;
        }
        if (reusable) {
            pool.release(server, channel, maxIdle);
        } else {
            channel.close();
        }
    }

    /** Gives the connection up (it is never reused out of step) and ends the attempt. */
    void close() {
        end();
        Channel channel = detach();
        if (channel != null) {
            channel.close();
        }
    }

    /** The connection, no longer this attempt's: for a tunnel after a 101. */
    public Channel detach() {
        Channel channel = upstream;
        if (handler != null) {
            handler.detach();
        }
        upstream = null;
        handler = null;
        return channel;
    }
}
