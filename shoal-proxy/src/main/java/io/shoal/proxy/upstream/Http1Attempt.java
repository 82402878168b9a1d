package io.shoal.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpContent;
import io.shoal.config.ServiceConfig;
import io.shoal.topology.Server;

/**
 * An attempt over HTTP/1.1: a connection of its own for the exchange, an idle pooled one or a new one,
 * returned to the pool after a clean response. Event-loop confined.
 */
final class Http1Attempt extends UpstreamAttempt {
    private Channel upstream;
    private UpstreamHandler handler;

    Http1Attempt(Downstream downstream, UpstreamDispatch dispatch, Channel client, ForwardedRequest request,
                 Server server, long startNanos) {
        super(downstream, dispatch, client, request, server, startNanos);
    }

    /** Takes an idle pooled connection to the server, or opens one. */
    @Override
    void connect(UpstreamPool pool, ServiceConfig service, int maxHeaderBytes) {
        Channel idle = pool.pollIdle(server);
        if (idle != null) {
            attach(idle);
            return;
        }
        pool.connect(server, service.tls(), service.timeouts().connect().toMillis(),
                        service.pool().idleTimeout().toMillis(), maxHeaderBytes)
                .addListener((ChannelFutureListener) this::onConnected);
    }

    private void onConnected(ChannelFuture future) {
        if (stage() != Stage.CONNECTING) {
            if (future.isSuccess()) {
                future.channel().close(); // given up on while connecting
            }
            return;
        }
        if (future.isSuccess()) {
            attach(future.channel());
        } else {
            connectFailed(future.cause());
        }
    }

    private void attach(Channel channel) {
        upstream = channel;
        handler = (UpstreamHandler) channel.pipeline().get(UpstreamPool.HANDLER);
        handler.attach(this, request);
        upstream.write(request.encodeHead(upstream.alloc()), upstream.voidPromise());
        upstream.read();
        headSent();
    }

    @Override
    void writePart(HttpContent part) {
        upstream.write(part, upstream.voidPromise());
    }

    @Override
    public void flush() {
        upstream.flush();
    }

    @Override
    public boolean writable() {
        return upstream.isWritable();
    }

    @Override
    void readUpstream() {
        if (upstream != null) {
            upstream.read();
        }
    }

    /** From the connection's handler. */
    void onClosed() {
        upstream = null;
        handler = null;
        closedByServer();
    }

    @Override
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

    @Override
    void close() {
        end();
        Channel channel = detach();
        if (channel != null) {
            channel.close();
        }
    }

    @Override
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
