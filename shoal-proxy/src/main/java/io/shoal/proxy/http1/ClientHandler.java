package io.shoal.proxy.http1;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.shoal.config.StickyConfig;
import io.shoal.proxy.http.ClientResponse;
import io.shoal.proxy.http.ClientSide;
import io.shoal.proxy.http.ConnectionTimer;
import io.shoal.proxy.http.Exchange;
import io.shoal.proxy.http.ProxyContext;
import io.shoal.proxy.http.Routing;
import io.shoal.proxy.http1.RequestFramingValidator.RequestRejected;
import io.shoal.proxy.policy.Answer;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.stats.ConnectionPhase;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.proxy.upstream.ForwardedRequest;
import io.shoal.proxy.upstream.Scheme;
import java.net.InetSocketAddress;

/**
 * The proxy step of a client connection: routes each request and runs one {@link Exchange} at a
 * time. Pipelined requests wait their turn. Reads from the client are requested explicitly
 * ({@code AUTO_READ} is off), so a slow upstream slows the client down instead of filling memory.
 *
 * <p>Once a request is whole, a read stays pending during its response, so the socket's read interest is
 * not dropped and armed again per request (two {@code epoll_ctl}s); a pipelined request stops it.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter implements ClientSide {
    private final ProxyContext proxy;
    private final int listenerIndex;
    private final Scheme scheme;
    private final RequestHeadTimer headTimer;
    private final ListenerStats listener;
    private final ConnectionPhase phase;
    private final ResponseFields fields;
    private final PipelinedRequests queued = new PipelinedRequests();
    private ChannelHandlerContext ctx;
    private Exchange current;
    private Routing routing;
    private boolean closing;
    private ConnectionTimer timer;

    ClientHandler(ProxyContext proxy, int listenerIndex, Scheme scheme, ResponseFields fields,
                  RequestHeadTimer headTimer, ListenerStats listener, ConnectionPhase phase) {
        this.proxy = proxy;
        this.listenerIndex = listenerIndex;
        this.scheme = scheme;
        this.headTimer = headTimer;
        this.listener = listener;
        this.phase = phase;
        this.fields = fields;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.timer = new ConnectionTimer(ctx.executor(), this::timerFired);
        routing = new Routing(proxy, listenerIndex, scheme, (InetSocketAddress) ctx.channel().remoteAddress());
        headTimer.awaitHead(true);
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        phase.read(msg);
        if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (current != null && queued.isEmpty() && msg instanceof HttpContent) {
            current.onRequestContent((HttpContent) msg); // its body, or the empty end of a bodiless one
        } else if (current != null && !current.requestComplete() && msg instanceof RequestRejected) {
            reject(((RequestRejected) msg).status()); // the current request's own body is malformed
        } else if (current != null || !queued.isEmpty()) {
            queued.add(msg); // pipelined: the next request waits for this response
        } else {
            dispatch(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!closing && current != null && current.mayReadAhead() && queued.isEmpty()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest) {
            startExchange((HttpRequest) msg);
        } else if (msg instanceof RequestRejected) {
            listener.requestArrived(); // in place of a request whose head the framing step refused
            reject(((RequestRejected) msg).status());
        } else {
            ReferenceCountUtil.release(msg); // the rest of a request that was already answered
        }
    }

    private void startExchange(HttpRequest request) {
        headTimer.headReceived();
        current = routing.exchange(request, this);
        if (current != null) {
            current.start();
        }
    }

    /** Answers a request that goes nowhere; its body, if any, is not read, so the connection closes. */
    @Override
    public void answer(Answer answer) {
        closing = true;
        listener.refused(answer.status().code());
        LingeringClose.after(ctx.writeAndFlush(Responses.answer(ctx.alloc(), answer, true, fields)));
    }

    @Override
    public Channel channel() {
        return ctx.channel();
    }

    @Override
    public ClientResponse newResponse(ForwardedRequest request, StickyConfig sticky, ResponseFields routeFields) {
        return new Http1Response(ctx, request, sticky, fields.then(routeFields));
    }

    @Override
    public void responded(int status) {
        listener.responded(status);
    }

    @Override
    public void armTimer(long delayNanos) {
        timer.arm(delayNanos);
    }

    private void timerFired() {
        if (current != null) {
            current.checkTimeout();
        }
    }

    @Override
    public void readMore() {
        ctx.read();
    }

    @Override
    public void exchangeDone(Exchange exchange, boolean reusable) {
        if (exchange != current) {
            return;
        }
        current = null;
        phase.responseEnded();
        if (!reusable) {
            closing = true;
            queued.releaseAll();
            LingeringClose.after(ctx.writeAndFlush(Unpooled.EMPTY_BUFFER));
            return;
        }
        headTimer.awaitHead(false);
        Object next;
        while (current == null && (next = queued.poll()) != null) {
            dispatch(next);
        }
        HttpContent part;
        while (current != null && (part = queued.pollBodyPart()) != null) {
            current.onRequestContent(part);
        }
        if (current == null || !current.requestComplete() || queued.isEmpty() && current.mayReadAhead()) {
            ctx.read();
        }
    }

    /** The connection became a tunnel: this step leaves the pipeline and nothing is queued behind. */
    @Override
    public void exchangeUpgraded(Exchange exchange, Channel upstream) {
        if (exchange == current) {
            current = null;
            queued.releaseAll();
            // This step leaves the pipeline; the tunnel counts as writing until the connection closes.
            ctx.channel().closeFuture().addListener(f -> phase.closed());
        }
        Tunnel.splice(ctx.channel(), upstream);
    }

    @Override
    public void closeAfterBrokenResponse() {
        current = null;
        closing = true;
        queued.releaseAll();
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null && ctx.channel().isWritable()) {
            current.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Answers {@code status} unless a response is under way, and closes: nothing after a bad request is read. */
    private void reject(HttpResponseStatus status) {
        closing = true;
        listener.denied();
        queued.releaseAll();
        Exchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.abort();
        }
        if (exchange != null && exchange.responseStarted()) {
            ctx.close();
        } else {
            listener.responded(status.code());
            LingeringClose.after(ctx.writeAndFlush(Responses.error(ctx.alloc(), status, true, fields)));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        phase.closed();
        timer.cancel();
        queued.releaseAll();
        if (current != null) {
            current.abort();
            current = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
