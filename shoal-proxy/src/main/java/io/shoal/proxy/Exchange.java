package io.shoal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.shoal.config.RetryPolicy.RetryOn;
import io.shoal.config.PanicConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.Service;
import java.util.concurrent.TimeUnit;

/**
 * One request on its way through the proxy: reads a small body whole first, picks a server, streams
 * the request to it, streams the response back, and retries on another server when that is safe. Safe
 * means no byte of the request reached a server yet, or the method is idempotent and the request has
 * no body to send again (nginx {@code proxy_next_upstream}).
 *
 * <p>Only what a server did counts against it (refused, reset, timed out once the request was sent,
 * answered badly); a client that stops sending its body gets {@code 408} and blames no server.
 *
 * <p>Event-loop confined: every method runs on the client connection's loop, which is also the loop
 * of the upstream connection.
 */
final class Exchange implements RequestQueue.Waiter {
    private final ClientHandler client;
    private final ChannelHandlerContext clientCtx;
    private final ProxyContext proxy;
    private final Service service;
    private final ServiceConfig serviceConfig;
    private final ForwardedRequest request;
    private final ResponseWriter response;
    private final long startNanos;
    private final long bodyTimeoutNanos;
    private final RequestBody body;
    private final ServerChooser chooser;
    private final RequestQueue queue;
    private boolean queued;
    private ScheduledFuture<?> queueTimer;
    /**
     * Backpressure on writability, not on per-write promises: a side whose outbound buffer is above
     * its high-water mark stops the other from reading until it drains. Writes take the void promise;
     * a failed write closes its connection, which the handlers report.
     */
    private boolean waitingForUpstream;
    private boolean waitingForClient;

    private Server server;
    private Channel upstream;
    private UpstreamHandler upstreamHandler;
    private boolean attemptActive;
    private long attemptStartNanos;
    private long lastActivityNanos;
    private boolean timing;
    private boolean headSent;
    private boolean finished;

    Exchange(ClientHandler client, ChannelHandlerContext clientCtx, ProxyContext proxy, Service service,
             ForwardedRequest request, long keyHash) {
        this.client = client;
        this.clientCtx = clientCtx;
        this.proxy = proxy;
        this.service = service;
        this.serviceConfig = service.config();
        this.request = request;
        this.response = new ResponseWriter(clientCtx, request, serviceConfig.sticky());
        this.startNanos = System.nanoTime();
        this.bodyTimeoutNanos = proxy.settings().clientBodyTimeout().toNanos();
        this.body = new RequestBody(request, proxy.settings().clientBodyBufferBytes(), startNanos);
        this.chooser = new ServerChooser(service, request.stickyId(), keyHash);
        this.queue = proxy.queue(service);
    }

    // --- from the client ---------------------------------------------------------------------

    void start() {
        if (body.flow() == RequestBody.Flow.BUFFERING) {
            if (request.expectsContinue()) {
                response.sendContinue();
            }
            scheduleTimer(bodyTimeoutNanos);
            client.readMore();
        } else {
            tryNextServer(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
    }

    boolean responseStarted() {
        return response.started();
    }

    boolean requestComplete() {
        return body.whole();
    }

    void onRequestContent(HttpContent content) {
        long now = System.nanoTime();
        body.arrived(content, now);
        if (finished || !request.hasBody()) {
            content.release(); // a bodiless request's only part is its empty end: the head says it all
            return;
        }
        if (upstream == null) {
            body.hold(content);
            if (body.flow() == RequestBody.Flow.BUFFERING) {
                bufferedMore();
            }
            return;
        }
        upstream.write(content, upstream.voidPromise());
        upstream.flush();
        lastActivityNanos = now;
        askClientForMore();
    }

    /** Reads on until the body is whole or outgrows the buffer; then the server is chosen. */
    private void bufferedMore() {
        if (body.whole() || body.outgrown()) {
            body.stream();
            tryNextServer(HttpResponseStatus.SERVICE_UNAVAILABLE);
        } else {
            client.readMore();
        }
    }

    /** The client went away or sent something unusable: stop, and never reuse the upstream connection. */
    void abort() {
        if (finished) {
            return;
        }
        finished = true;
        if (queued && queue.remove(this)) {
            queued = false;
        }
        cancelQueueTimer();
        body.release();
        closeUpstream();
        endAttempt();
    }

    // --- choosing and connecting -------------------------------------------------------------

    private void tryNextServer(HttpResponseStatus statusIfNone) {
        Server next = chooser.pick();
        boolean panicked = false;
        if (next == null) {
            if (chooser.tries() == 0 && waitInQueue()) {
                return;
            }
            if (!service.noneUp()) {
                fail(statusIfNone);
                return;
            }
            next = panic();
            if (next == null) {
                return;
            }
            panicked = true;
        }
        cancelQueueTimer();
        chooser.tried(next);
        server = next;
        server.onRequestStart();
        attemptActive = true;
        attemptStartNanos = chooser.nowNanos();
        if (!panicked && server.state() == ServerState.DRAINING) {
            // A drain began between the pick and the count above. Drain sets the state, then reads the
            // count; this counted, then read the state: one of the two sees the other, so a draining
            // server never gets a request its drain did not wait for.
            endAttempt();
            chooser.untried();
            tryNextServer(statusIfNone);
            return;
        }
        UpstreamPool pool = proxy.pool(clientCtx.channel().eventLoop());
        Channel idle = pool.pollIdle(server);
        if (idle != null) {
            attach(idle);
            return;
        }
        ChannelFuture connect = pool.connect(server, serviceConfig.timeouts().connect().toMillis(),
                serviceConfig.pool().idleTimeout().toMillis(), proxy.settings().maxHeaderBytes());
        Server connectingTo = server;
        connect.addListener((ChannelFutureListener) f -> onConnected(f, connectingTo));
    }

    /** No server is UP: spread over all of them anyway, or answer 503 with Retry-After, as configured. */
    private Server panic() {
        PanicConfig panic = serviceConfig.health().panic();
        Server anyway = panic.mode() == PanicConfig.Mode.SPREAD ? chooser.panicPick() : null;
        if (anyway == null) {
            failWith(HttpResponseStatus.SERVICE_UNAVAILABLE, panic.retryAfter().toSeconds());
        }
        return anyway;
    }

    /** HAProxy's queue: when servers are at {@code max_conns}, wait up to the queue timeout for a slot. */
    private boolean waitInQueue() {
        if (queue == null || !anyServerFull() || !queue.offer(this)) {
            return false;
        }
        queued = true;
        if (queueTimer == null) {
            queueTimer = clientCtx.executor().schedule(this::queueTimedOut,
                    serviceConfig.queue().timeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        return true;
    }

    private boolean anyServerFull() {
        for (Server candidate : service.servers()) {
            if (candidate.isFull()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public io.netty.channel.EventLoop eventLoop() {
        return clientCtx.channel().eventLoop();
    }

    @Override
    public void slotFreed() {
        queued = false;
        if (!finished) {
            tryNextServer(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
    }

    private void queueTimedOut() {
        queueTimer = null;
        if (queued && !finished && queue.remove(this)) {
            queued = false;
            fail(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
    }

    private void cancelQueueTimer() {
        if (queueTimer != null) {
            queueTimer.cancel(false);
            queueTimer = null;
        }
    }

    private void onConnected(ChannelFuture future, Server connectingTo) {
        if (finished || connectingTo != server) {
            if (future.isSuccess()) {
                future.channel().close();
            }
            return;
        }
        if (!future.isSuccess()) {
            boolean timedOut = future.cause() instanceof ConnectTimeoutException;
            attemptFailed(timedOut ? RetryOn.TIMEOUT : RetryOn.ERROR,
                    timedOut ? HttpResponseStatus.GATEWAY_TIMEOUT : HttpResponseStatus.BAD_GATEWAY);
            return;
        }
        attach(future.channel());
    }

    private void attach(Channel channel) {
        upstream = channel;
        upstreamHandler = (UpstreamHandler) channel.pipeline().get(UpstreamPool.HANDLER);
        upstreamHandler.attach(this, request);
        headSent = true;
        upstream.write(request.encodeHead(upstream.alloc()), upstream.voidPromise());
        if (request.expectsContinue() && !body.whole()) {
            response.sendContinue();
        }
        HttpContent content;
        while ((content = body.next()) != null) {
            upstream.write(content, upstream.voidPromise());
        }
        upstream.flush();
        upstream.read();
        lastActivityNanos = System.nanoTime();
        scheduleTimer(serviceConfig.timeouts().response().toNanos());
        askClientForMore();
    }

    /** Asks the client for more of the body, unless the upstream connection's buffer is full. */
    private void askClientForMore() {
        if (body.whole() || finished || upstream == null) {
            return;
        }
        lastActivityNanos = System.nanoTime();
        if (upstream.isWritable()) {
            client.readMore();
        } else {
            waitingForUpstream = true;
        }
    }

    /** The upstream connection drained below its low-water mark. */
    void upstreamWritable() {
        if (waitingForUpstream) {
            waitingForUpstream = false;
            askClientForMore();
        }
    }

    /** The client connection drained below its low-water mark. */
    void clientWritable() {
        if (waitingForClient && upstream != null && !finished) {
            waitingForClient = false;
            upstream.read();
        }
    }

    // --- from the upstream -------------------------------------------------------------------

    void onUpstreamRead(Object msg) {
        lastActivityNanos = System.nanoTime();
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!clientCtx.channel().isActive()) {
            // The client closed and the loop has not told its handler yet: stop here rather than write
            // to a closed channel, a path so rare that taking it makes the JIT recompile the write path.
            ReferenceCountUtil.release(msg);
            abort();
            return;
        }
        if (msg instanceof UpstreamHead head) {
            onResponseHead(head);
        } else if (msg == UpstreamResponseDecoder.Marker.INVALID || !response.started()) {
            ReferenceCountUtil.release(msg);
            invalidResponse();
        } else if (msg == UpstreamResponseDecoder.Marker.END) {
            endAttempt(); // out of the in-flight count before the client can see the end
            response.endBody();
            complete();
        } else {
            response.writeBody((ByteBuf) msg);
            if (clientCtx.channel().isWritable()) {
                upstream.read();
            } else {
                waitingForClient = true;
            }
        }
    }

    /** Runs right after {@link #onUpstreamRead} set {@code lastActivityNanos}: that is the head's arrival. */
    private void onResponseHead(UpstreamHead head) {
        int code = head.status();
        if (code == 100 || (code > 101 && code < 200)) {
            // interim responses: Shoal answered Expect itself
            upstream.read();
            return;
        }
        RetryOn retryOn = code == 502 ? RetryOn.HTTP_502 : code == 503 ? RetryOn.HTTP_503
                : code == 504 ? RetryOn.HTTP_504 : null;
        // As nginx: a 502/503/504 counts toward max_fails only when proxy_next_upstream names it.
        if (retryOn != null && serviceConfig.retry().retries(retryOn)) {
            server.recordFailedResponse(lastActivityNanos - attemptStartNanos, lastActivityNanos);
            if (canRetry(retryOn)) {
                closeUpstream();
                endAttempt();
                tryNextServer(HttpResponseStatus.valueOf(code));
                return;
            }
        } else {
            server.recordResponse(code, lastActivityNanos - attemptStartNanos, lastActivityNanos);
        }
        if (code == 101) {
            if (request.upgrade()) {
                switchProtocols(head);
            } else {
                invalidResponse(); // Shoal forwards no Upgrade but WebSocket's: a 101 here is out of step
            }
            return;
        }
        response.writeHead(head, server);
        upstream.read();
    }

    /** WebSocket: answer the 101, then relay bytes both ways until either side closes. */
    private void switchProtocols(UpstreamHead head) {
        finished = true;
        cancelTimer();
        body.release();
        Channel channel = upstream;
        upstreamHandler.detach();
        upstream = null;
        response.writeSwitchingProtocols(head);
        log(101, 101);
        endAttempt();
        client.exchangeUpgraded(this);
        Tunnel.splice(clientCtx.channel(), channel);
    }

    void onUpstreamClosed() {
        upstream = null;
        if (finished) {
            return;
        }
        if (response.started()) {
            // Cut short: never pad a body, close the client connection so it sees the truncation.
            finished = true;
            endAttempt();
            client.closeAfterBrokenResponse();
            return;
        }
        attemptFailed(RetryOn.ERROR, HttpResponseStatus.BAD_GATEWAY);
    }

    private void invalidResponse() {
        if (response.started()) {
            finished = true;
            closeUpstream();
            endAttempt();
            client.closeAfterBrokenResponse();
            return;
        }
        attemptFailed(RetryOn.ERROR, HttpResponseStatus.BAD_GATEWAY);
    }

    // --- timers, retries, completion -------------------------------------------------------------

    /** The connection's timer (one per connection, re-armed, never one per request) calls back {@link #checkTimeout}. */
    private void scheduleTimer(long delayNanos) {
        timing = true;
        client.armTimer(delayNanos);
    }

    /**
     * While the client owes body bytes, nginx's {@code client_body_timeout}: time since the last part
     * came. Otherwise, with a server, nginx's {@code proxy_read_timeout}: time since the last byte moved
     * to or from the server. Connecting and queueing have timers of their own.
     */
    void checkTimeout() {
        if (!timing || finished) {
            return;
        }
        long now = System.nanoTime();
        if (clientOwesBody()) {
            long left = body.lastPartNanos() + bodyTimeoutNanos - now;
            if (left > 0) {
                scheduleTimer(left);
            } else {
                clientBodyTimedOut();
            }
            return;
        }
        if (upstream == null) {
            return;
        }
        long timeout = serviceConfig.timeouts().response().toNanos();
        long left = lastActivityNanos + timeout - now;
        if (left > 0) {
            scheduleTimer(left);
        } else if (response.started()) {
            abort();
            client.closeAfterBrokenResponse();
        } else {
            attemptFailed(RetryOn.TIMEOUT, HttpResponseStatus.GATEWAY_TIMEOUT);
        }
    }

    /**
     * The rest of the body is the client's to send, and nothing else holds it up: the body is being
     * buffered, or it streams to a server that takes it (a server that stops reading it is timed by
     * the response timeout instead).
     */
    private boolean clientOwesBody() {
        return !body.whole() && !waitingForUpstream && (upstream != null || body.flow() == RequestBody.Flow.BUFFERING);
    }

    /** The client stopped sending its body: 408, and no server is blamed; the upstream connection is not reused. */
    private void clientBodyTimedOut() {
        if (response.started()) {
            abort();
            client.closeAfterBrokenResponse();
            return;
        }
        closeUpstream();
        endAttempt();
        fail(HttpResponseStatus.REQUEST_TIMEOUT);
    }

    private void attemptFailed(RetryOn kind, HttpResponseStatus status) {
        closeUpstream();
        server.recordFailure(System.nanoTime());
        endAttempt();
        if (canRetry(kind)) {
            tryNextServer(status);
        } else {
            fail(status);
        }
    }

    private boolean canRetry(RetryOn kind) {
        return (!headSent || request.replayable())
                && serviceConfig.retry().retries(kind)
                && chooser.tries() < serviceConfig.retry().tries()
                && System.nanoTime() - startNanos < serviceConfig.retry().deadline().toNanos();
    }

    private void fail(HttpResponseStatus status) {
        failWith(status, 0);
    }

    /** @param retryAfterSeconds a Retry-After to send, or 0 for none */
    private void failWith(HttpResponseStatus status, long retryAfterSeconds) {
        finished = true;
        body.release();
        cancelTimer();
        cancelQueueTimer();
        // A request without a body is whole once its head is here; its empty end is discarded when it arrives.
        boolean keepAlive = body.whole() && request.keepAlive();
        response.writeError(status, !keepAlive, retryAfterSeconds);
        client.exchangeDone(this, keepAlive);
        log(status.code(), 0);
    }

    private void complete() {
        finished = true;
        cancelTimer();
        body.release();
        // A server leaving rotation (draining, down) gets no connection back: it closes after this response.
        boolean reusable = body.whole() && response.upstreamKeepAlive() && server.state() == ServerState.UP;
        Channel channel = upstream;
        upstreamHandler.detach();
        upstream = null;
        if (reusable) {
            proxy.pool(clientCtx.channel().eventLoop()).release(server, channel, serviceConfig.pool().maxIdle());
        } else {
            channel.close();
        }
        endAttempt();
        log(response.status(), response.upstreamStatus());
        client.exchangeDone(this, body.whole() && response.clientKeepAlive());
    }

    private void endAttempt() {
        if (attemptActive) {
            attemptActive = false;
            server.onRequestEnd();
            if (queue != null) {
                queue.onSlotFreed();
            }
        }
    }

    private void closeUpstream() {
        if (upstream != null) {
            upstreamHandler.detach();
            upstream.close();
            upstream = null;
        }
        cancelTimer();
    }

    private void cancelTimer() {
        timing = false;
    }

    private void log(int status, int upstreamStatus) {
        AccessLog log = proxy.accessLog();
        if (log.enabled()) {
            long now = System.nanoTime();
            log.log(request.logRecord(status, response.bodyBytes(), server, upstreamStatus,
                    upstreamStatus == 0 ? 0 : now - attemptStartNanos, now - startNanos));
        }
    }
}
