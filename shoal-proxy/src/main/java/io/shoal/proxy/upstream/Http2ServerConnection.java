package io.shoal.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.shoal.config.Defaults;
import io.shoal.proxy.net.ConnectionWindow;
import io.shoal.topology.Server;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 connection to a server, carrying the streams of this loop's requests to it; the last step of
 * its pipeline. Counts its streams against the server's SETTINGS_MAX_CONCURRENT_STREAMS, takes none after
 * the server's GOAWAY, and closes when idle without streams. Its receive window is as large as the one
 * Shoal gives its clients, so a stream whose client reads slowly holds the others up only when many do.
 * Event-loop confined.
 */
final class Http2ServerConnection extends ChannelInboundHandlerAdapter {
    /** Streams taken before the server's SETTINGS say how many it allows: the least RFC 9113 recommends. */
    static final int STREAMS_BEFORE_SETTINGS = 100;

    /** Where the connection is. */
    private enum State { CONNECTING, OPEN, GOING_AWAY, CLOSED }

    private final Http2ServerConnections connections;
    private final Server server;
    private final int maxHeaderBytes;
    private final long idleTimeoutMillis;
    private State state = State.CONNECTING;
    private ChannelFuture ready;
    private Http2FrameCodec codec;
    private boolean settingsReceived;
    /** Streams opened or promised to attempts waiting for the connection. */
    private int streams;

    Http2ServerConnection(Http2ServerConnections connections, Server server, int maxHeaderBytes, long idleTimeoutMillis) {
        this.connections = connections;
        this.server = server;
        this.maxHeaderBytes = maxHeaderBytes;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /** The HTTP/2 steps of a new connection's pipeline, after the byte counter and TLS. */
    void addSteps(Channel ch) {
        codec = Http2FrameCodecBuilder.forClient()
                .initialSettings(new Http2Settings()
                        .pushEnabled(false)
                        .initialWindowSize(Defaults.HTTP2_INITIAL_WINDOW_SIZE)
                        .maxHeaderListSize(maxHeaderBytes))
                .build();
        ch.pipeline()
                .addLast(UpstreamPool.IDLE, new IdleStateHandler(idleTimeoutMillis, 0, 0, TimeUnit.MILLISECONDS))
                .addLast(codec)
                .addLast(new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel pushed) {
                        pushed.close(); // push is off in the SETTINGS; a server that pushes anyway is not listened to
                    }
                }))
                .addLast(UpstreamPool.HANDLER, this);
    }

    void connecting(ChannelFuture future) {
        ready = future;
        future.addListener(done -> {
            if (done.isSuccess() && state == State.CONNECTING) {
                state = State.OPEN;
            } else if (done.isSuccess() && streams == 0) {
                future.channel().close(); // told to go away while connecting, and no stream waits for it
            } else if (!done.isSuccess()) {
                state = State.CLOSED;
                connections.remove(server, this);
            }
        });
    }

    boolean hasRoom() {
        return (state == State.CONNECTING || state == State.OPEN) && streams < maxStreams();
    }

    private int maxStreams() {
        return settingsReceived ? codec.connection().local().maxActiveStreams() : STREAMS_BEFORE_SETTINGS;
    }

    /** Opens a stream for {@code attempt} once the connection is ready; the attempt fails if it cannot. */
    void openStream(Http2Attempt attempt) {
        streams++;
        ready.addListener(connected -> {
            if (!connected.isSuccess()) {
                streams--;
                attempt.streamFailed(connected.cause());
                return;
            }
            new Http2StreamChannelBootstrap(ready.channel())
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(attempt.newStreamHandler())
                    .open()
                    .addListener((Future<Http2StreamChannel> opened) -> streamOpened(opened, attempt));
        });
    }

    private void streamOpened(Future<Http2StreamChannel> opened, Http2Attempt attempt) {
        if (!opened.isSuccess()) {
            streamClosed();
            attempt.streamFailed(opened.cause());
            return;
        }
        Http2StreamChannel stream = opened.getNow();
        stream.closeFuture().addListener(closed -> streamClosed());
        attempt.onStreamOpened(stream);
    }

    private void streamClosed() {
        if (--streams == 0 && state == State.GOING_AWAY) {
            ready.channel().close();
        }
    }

    /** Takes no more streams, and closes once those it has ended. */
    void goAway() {
        if (state == State.CONNECTING || state == State.OPEN) {
            state = State.GOING_AWAY;
        }
        if (streams == 0 && ready.isSuccess()) {
            ready.channel().close();
        }
    }

    /** Added to an open connection once TLS agreed on h2; to a plain one before it opens. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private static void start(ChannelHandlerContext ctx) {
        ConnectionWindow.open(ctx, Defaults.HTTP2_CONNECTION_WINDOW_SIZE);
        ctx.read();
    }

    /** Reads are explicit on the connection too: the codec always wants the next frames. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2SettingsFrame) {
            settingsReceived = true;
        } else if (msg instanceof Http2GoAwayFrame) {
            // The codec closes the streams the server will not process; those it will, finish.
            connections.remove(server, this);
            goAway();
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && streams == 0) {
            ctx.close();
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        connections.remove(server, this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
