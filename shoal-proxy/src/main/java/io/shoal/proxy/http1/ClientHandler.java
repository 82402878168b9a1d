package io.shoal.proxy.http1;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.shoal.proxy.http1.RequestFramingValidator.RequestRejected;
import io.shoal.proxy.upstream.ForwardedRequest;
import io.shoal.proxy.upstream.Scheme;
import io.shoal.proxy.upstream.StickySessions;
import io.shoal.topology.Route;
import io.shoal.topology.Service;
import java.net.InetSocketAddress;

/**
 * The proxy step of a client connection: routes each request and runs one {@link Exchange} at a
 * time. Pipelined requests wait their turn. Reads from the client are requested explicitly
 * ({@code AUTO_READ} is off), so a slow upstream slows the client down instead of filling memory.
 *
 * <p>Once a request is whole, a read stays pending during its response, so the socket's read interest is
 * not dropped and armed again per request (two {@code epoll_ctl}s); a pipelined request stops it.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private final ProxyContext proxy;
    private final int listenerIndex;
    private final Scheme scheme;
    private final RequestHeadTimer headTimer;
    private final ListenerStats listener;
    private final ConnectionPhase phase;
    private final ListenerFields fields;
    private final PipelinedRequests queued = new PipelinedRequests();
    private ChannelHandlerContext ctx;
    private Exchange current;
    private String clientAddress;
    private boolean closing;
    private ConnectionTimer timer;
    private final RouteMatcher routes = new RouteMatcher();

    ClientHandler(ProxyContext proxy, int listenerIndex, Scheme scheme, ListenerFields fields,
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
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        clientAddress = remote.getAddress().getHostAddress();
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
        RequestTarget target = RequestTarget.read(request);
        if (target == null) {
            listener.denied();
            answerWithoutUpstream(request, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        Route route = routes.match(proxy.topology().current().routes(listenerIndex), request, target.path());
        if (route == null) {
            answerWithoutUpstream(request, HttpResponseStatus.NOT_FOUND);
            return;
        }
        Service service = route.chooseService();
        String stickyId = StickySessions.cookieValue(request, service.config().sticky());
        long keyHash = RequestKeys.hash(service.config().balance(), request, clientAddress,
                ctx.channel().remoteAddress(), proxy.trustedProxies());
        String forwardedTarget = target.forwarded(route.rewritePath(target.path()));
        ForwardedRequest forwarded = new ForwardedRequest(request, forwardedTarget, clientAddress, stickyId, scheme);
        current = new Exchange(this, ctx, proxy, service, forwarded, keyHash);
        current.start();
    }

    /** Answers a request that goes nowhere; its body, if any, is not read, so the connection closes. */
    private void answerWithoutUpstream(HttpRequest request, HttpResponseStatus status) {
        closing = true;
        listener.responded(status.code());
        LingeringClose.after(ctx.writeAndFlush(Responses.error(ctx.alloc(), status, true, fields)));
    }

    /** Makes sure the current exchange's {@link Exchange#checkTimeout} runs within {@code delayNanos}. */
    void armTimer(long delayNanos) {
        timer.arm(delayNanos);
    }

    private void timerFired() {
        if (current != null) {
            current.checkTimeout();
        }
    }

    /** The exchange wants the next chunk of the request body. */
    void readMore() {
        ctx.read();
    }

    /** The header fields of the listener this connection came through, for the exchanges' responses. */
    ListenerFields fields() {
        return fields;
    }

    /** The figures of the listener this connection came through, for the exchanges' responses. */
    ListenerStats listener() {
        return listener;
    }

    void exchangeDone(Exchange exchange, boolean keepAlive) {
        if (exchange != current) {
            return;
        }
        current = null;
        phase.responseEnded();
        if (!keepAlive) {
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
    void exchangeUpgraded(Exchange exchange) {
        if (exchange == current) {
            current = null;
            queued.releaseAll();
            // This step leaves the pipeline; the tunnel counts as writing until the connection closes.
            ctx.channel().closeFuture().addListener(f -> phase.closed());
        }
    }

    void closeAfterBrokenResponse() {
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
