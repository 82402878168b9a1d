package io.shoal.proxy.http1;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.shoal.proxy.http1.RequestFramingValidator.RequestRejected;
import io.shoal.proxy.upstream.ForwardedRequest;
import io.shoal.proxy.upstream.StickySessions;
import io.shoal.topology.Route;
import io.shoal.topology.Service;
import io.shoal.topology.Snapshot;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The proxy step of a client connection: routes each request and runs one {@link Exchange} at a
 * time. Pipelined requests wait their turn. Reads from the client are requested explicitly
 * ({@code AUTO_READ} is off), so a slow upstream slows the client down instead of filling memory.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private final ProxyContext proxy;
    private final int listenerIndex;
    private final RequestHeadTimer headTimer;
    private final ConnectionPhase phase;
    private final ArrayDeque<Object> queued = new ArrayDeque<>(2);
    private ChannelHandlerContext ctx;
    private Exchange current;
    private String clientAddress;
    private boolean closing;
    private ScheduledFuture<?> timer;
    /** The headers of the request being routed, for {@link #header}: one lookup function per connection, not per request. */
    private HttpHeaders routedHeaders;
    private final Function<String, String> header = name -> routedHeaders.get(name);

    ClientHandler(ProxyContext proxy, int listenerIndex, RequestHeadTimer headTimer, ConnectionPhase phase) {
        this.proxy = proxy;
        this.listenerIndex = listenerIndex;
        this.headTimer = headTimer;
        this.phase = phase;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
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
        } else if (current != null && !current.requestComplete() && msg instanceof HttpContent) {
            current.onRequestContent((HttpContent) msg);
        } else if (current != null && !current.requestComplete() && msg instanceof RequestRejected) {
            reject(((RequestRejected) msg).status()); // the current request's own body is malformed
        } else if (current != null || !queued.isEmpty()) {
            queued.add(msg); // pipelined: the next request waits for this response
        } else {
            dispatch(msg);
        }
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest) {
            startExchange((HttpRequest) msg);
        } else if (msg instanceof RequestRejected) {
            reject(((RequestRejected) msg).status());
        } else {
            ReferenceCountUtil.release(msg); // the rest of a request that was already answered
        }
    }

    private void startExchange(HttpRequest request) {
        headTimer.headReceived();
        Snapshot snapshot = proxy.topology().current();
        RequestTarget target = RequestTarget.read(request);
        if (target == null) {
            answerWithoutUpstream(request, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        Route route = match(snapshot.routes(listenerIndex), request, target.path());
        if (route == null) {
            answerWithoutUpstream(request, HttpResponseStatus.NOT_FOUND);
            return;
        }
        Service service = route.chooseService();
        String stickyId = StickySessions.cookieValue(request, service.config().sticky());
        long keyHash = RequestKeys.hash(service.config().balance(), request, clientAddress,
                ctx.channel().remoteAddress(), proxy.trustedProxies());
        String forwardedTarget = target.forwarded(route.rewritePath(target.path()));
        ForwardedRequest forwarded = new ForwardedRequest(request, forwardedTarget, clientAddress, stickyId);
        current = new Exchange(this, ctx, proxy, service, forwarded, keyHash);
        current.start();
    }

    /** The Host is parsed only when a route matches on it: most configurations have none. */
    private Route match(List<Route> routes, HttpRequest request, String path) {
        routedHeaders = request.headers();
        String host = null;
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            if (host == null && route.config().host() != null) {
                host = HostHeader.hostName(routedHeaders.get(HttpHeaderNames.HOST));
            }
            if (route.matches(host, path, header)) {
                routedHeaders = null;
                return route;
            }
        }
        routedHeaders = null;
        return null;
    }

    /** Answers a request that goes nowhere; its body, if any, is not read, so the connection closes. */
    private void answerWithoutUpstream(HttpRequest request, HttpResponseStatus status) {
        closing = true;
        LingeringClose.after(ctx.writeAndFlush(Responses.error(ctx.alloc(), status, true)));
    }

    /** Makes sure the current exchange's {@link Exchange#checkTimeout} runs within {@code delayNanos}. */
    void armTimer(long delayNanos) {
        if (timer == null) {
            timer = ctx.executor().schedule(this::timerFired, delayNanos, TimeUnit.NANOSECONDS);
        } else if (timer.getDelay(TimeUnit.NANOSECONDS) > delayNanos) {
            timer.cancel(false);
            timer = ctx.executor().schedule(this::timerFired, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void timerFired() {
        timer = null;
        if (current != null) {
            current.checkTimeout();
        }
    }

    /** The exchange wants the next chunk of the request body. */
    void readMore() {
        ctx.read();
    }

    void exchangeDone(Exchange exchange, boolean keepAlive) {
        if (exchange != current) {
            return;
        }
        current = null;
        phase.responseEnded();
        if (!keepAlive) {
            closing = true;
            releaseQueued();
            LingeringClose.after(ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER));
            return;
        }
        headTimer.awaitHead(false);
        Object next;
        while (current == null && (next = queued.poll()) != null) {
            dispatch(next);
        }
        while (current != null && !current.requestComplete() && queued.peek() instanceof HttpContent) {
            current.onRequestContent((HttpContent) queued.poll());
        }
        if (current == null || !current.requestComplete()) {
            ctx.read();
        }
    }

    /** The connection became a tunnel: this step leaves the pipeline and nothing is queued behind. */
    void exchangeUpgraded(Exchange exchange) {
        if (exchange == current) {
            current = null;
            releaseQueued();
            // This step leaves the pipeline; the tunnel counts as writing until the connection closes.
            ctx.channel().closeFuture().addListener(f -> phase.closed());
        }
    }

    void closeAfterBrokenResponse() {
        current = null;
        closing = true;
        releaseQueued();
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
        releaseQueued();
        Exchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.abort();
        }
        if (exchange != null && exchange.responseStarted()) {
            ctx.close();
        } else {
            LingeringClose.after(ctx.writeAndFlush(Responses.error(ctx.alloc(), status, true)));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        phase.closed();
        if (timer != null) {
            timer.cancel(false);
        }
        releaseQueued();
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

    private void releaseQueued() {
        Object msg;
        while ((msg = queued.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
