package io.shoal.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.config.PanicConfig;
import io.shoal.config.RetryPolicy.RetryOn;
import io.shoal.config.ServiceConfig;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.Service;

/**
 * One request on its way through the proxy: reads a small body whole first, has a server chosen
 * ({@link ServerChooser}), waits in the queue if servers are full ({@link QueueWait}), sends the request
 * ({@link UpstreamAttempt}), passes the response on ({@link ResponseWriter}), and tries another server
 * when {@link RetryDecision} says it is safe.
 *
 * <p>Only what a server did counts against it (refused, reset, timed out once the request was sent,
 * answered badly); a client that stops sending its body gets {@code 408} and blames no server.
 *
 * <p>Event-loop confined: every method runs on the client connection's loop, which is also the loop
 * of the upstream connection.
 */
final class Exchange {
    /** Where the request is. */
    enum Phase { READING_BODY, QUEUED, PROXYING, DONE }

    private final ClientHandler client;
    private final ChannelHandlerContext clientCtx;
    private final ProxyContext proxy;
    private final Service service;
    private final ServiceConfig serviceConfig;
    private final ForwardedRequest request;
    private final ResponseWriter response;
    private final RequestBody body;
    private final ServerChooser chooser;
    private final QueueWait queue;
    private final ExchangeTimer timer;
    private final long startNanos;
    private Phase phase = Phase.READING_BODY;
    /** The current attempt, or the last one once the exchange is done; null before the first. */
    private UpstreamAttempt attempt;

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
        this.body = new RequestBody(request, proxy.settings().clientBodyBufferBytes(), startNanos);
        this.chooser = new ServerChooser(service, request.stickyId(), keyHash);
        this.queue = new QueueWait(this, proxy.queue(service), clientCtx.channel().eventLoop(),
                serviceConfig.queue().timeout().toNanos());
        this.timer = new ExchangeTimer(this, client, body, proxy.settings().clientBodyTimeout().toNanos(),
                serviceConfig.timeouts().response().toNanos());
    }

    // --- from the client ---------------------------------------------------------------------

    void start() {
        if (body.flow() == RequestBody.Flow.BUFFERING) {
            if (request.expectsContinue()) {
                response.sendContinue();
            }
            timer.start();
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

    Phase phase() {
        return phase;
    }

    /** The attempt holding an upstream connection, or null. */
    UpstreamAttempt connectedAttempt() {
        return phase == Phase.PROXYING && attempt.sent() ? attempt : null;
    }

    void onRequestContent(HttpContent content) {
        body.arrived(content, System.nanoTime());
        if (phase == Phase.DONE || !request.hasBody()) {
            content.release(); // a bodiless request's only part is its empty end: the head says it all
        } else if (connectedAttempt() == null) {
            body.hold(content);
            if (phase == Phase.READING_BODY) {
                bufferedMore();
            }
        } else {
            attempt.write(content);
            attempt.flush();
            askClientForMore();
        }
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
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        queue.cancel();
        body.release();
        endAttempt();
    }

    /** Asks the client for more of the body, unless the upstream connection's buffer is full. */
    private void askClientForMore() {
        if (body.whole() || connectedAttempt() == null) {
            return;
        }
        if (attempt.writable()) {
            client.readMore();
        } else {
            body.pause();
        }
    }

    /** The upstream connection drained below its low-water mark. */
    void upstreamWritable() {
        if (body.flow() == RequestBody.Flow.PAUSED) {
            body.stream();
            askClientForMore();
        }
    }

    /** The client connection drained below its low-water mark. */
    void clientWritable() {
        UpstreamAttempt connected = connectedAttempt();
        if (connected != null) {
            connected.clientWritable();
        }
    }

    // --- choosing and connecting -------------------------------------------------------------

    private void tryNextServer(HttpResponseStatus statusIfNone) {
        Server next = chooser.pick();
        boolean panicked = false;
        if (next == null) {
            if (chooser.tries() == 0 && queue.offer(service)) {
                phase = Phase.QUEUED;
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
        queue.cancel();
        phase = Phase.PROXYING;
        chooser.tried(next);
        attempt = new UpstreamAttempt(this, clientCtx.channel(), request, next, chooser.nowNanos());
        if (!panicked && next.state() == ServerState.DRAINING) {
            // A drain began between the pick and the count above. Drain sets the state, then reads the
            // count; this counted, then read the state: one of the two sees the other, so a draining
            // server never gets a request its drain did not wait for.
            endAttempt();
            chooser.untried();
            tryNextServer(statusIfNone);
            return;
        }
        attempt.connect(proxy.pool(clientCtx.channel().eventLoop()), serviceConfig.timeouts().connect().toMillis(),
                serviceConfig.pool().idleTimeout().toMillis(), proxy.settings().maxHeaderBytes());
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

    void queueSlotFreed() {
        if (phase == Phase.QUEUED) {
            tryNextServer(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
    }

    void queueTimedOut() {
        if (phase == Phase.QUEUED) {
            fail(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
    }

    // --- from the attempt ----------------------------------------------------------------------

    void onAttached(UpstreamAttempt connected) {
        if (request.expectsContinue() && !body.whole()) {
            response.sendContinue();
        }
        HttpContent content;
        while ((content = body.next()) != null) {
            connected.write(content);
        }
        connected.flush();
        timer.start();
        askClientForMore();
    }

    void onConnectFailed(UpstreamAttempt failed, boolean timedOut) {
        attemptFailed(failed, timedOut ? RetryOn.TIMEOUT : RetryOn.ERROR,
                timedOut ? HttpResponseStatus.GATEWAY_TIMEOUT : HttpResponseStatus.BAD_GATEWAY);
    }

    void onResponseHead(UpstreamAttempt current, UpstreamHead head) {
        ResponseHeadStep step = ResponseHeadStep.of(head.status(), serviceConfig.retry(), request.upgrade());
        Server server = current.server();
        long at = current.lastActivityNanos(); // the head's arrival
        if (step == ResponseHeadStep.INTERIM) {
            current.readNext(); // Shoal answered Expect itself
            return;
        }
        if (step.countsAsFailure()) {
            server.recordFailedResponse(at - current.startNanos(), at);
            if (retries(current, step.retryOn())) {
                endAttempt();
                tryNextServer(HttpResponseStatus.valueOf(head.status()));
                return;
            }
        } else {
            server.recordResponse(head.status(), at - current.startNanos(), at);
        }
        if (step == ResponseHeadStep.SWITCH_PROTOCOLS) {
            switchProtocols(head);
        } else if (step == ResponseHeadStep.OUT_OF_STEP) {
            onInvalidResponse(current); // Shoal forwards no Upgrade but WebSocket's: a 101 here is out of step
        } else {
            response.writeHead(head, server);
            current.receiving();
        }
    }

    void onResponseBody(ByteBuf data) {
        response.writeBody(data);
    }

    void onResponseEnd(UpstreamAttempt current) {
        current.end(); // out of the in-flight count before the client can see the end
        response.endBody();
        complete();
    }

    /** WebSocket: answer the 101, then relay bytes both ways until either side closes. */
    private void switchProtocols(UpstreamHead head) {
        phase = Phase.DONE;
        body.release();
        response.writeSwitchingProtocols(head);
        log(101, 101);
        attempt.end();
        queue.slotFreed();
        client.exchangeUpgraded(this);
        Tunnel.splice(clientCtx.channel(), attempt.detach());
    }

    void onUpstreamClosed(UpstreamAttempt current) {
        if (response.started()) {
            // Cut short: never pad a body, close the client connection so it sees the truncation.
            abort();
            client.closeAfterBrokenResponse();
        } else {
            attemptFailed(current, RetryOn.ERROR, HttpResponseStatus.BAD_GATEWAY);
        }
    }

    void onInvalidResponse(UpstreamAttempt current) {
        if (response.started()) {
            abort();
            client.closeAfterBrokenResponse();
        } else {
            attemptFailed(current, RetryOn.ERROR, HttpResponseStatus.BAD_GATEWAY);
        }
    }

    // --- timeouts, retries, completion ---------------------------------------------------------

    /** The connection's timer fired: {@link ExchangeTimer} decides whether a timeout passed. */
    void checkTimeout() {
        timer.check();
    }

    /** The client stopped sending its body: 408, and no server is blamed; the upstream connection is not reused. */
    void clientBodyTimedOut() {
        if (response.started()) {
            abort();
            client.closeAfterBrokenResponse();
        } else {
            endAttempt();
            fail(HttpResponseStatus.REQUEST_TIMEOUT);
        }
    }

    /** The server sent nothing for {@code response_timeout}. */
    void responseTimedOut() {
        if (response.started()) {
            abort();
            client.closeAfterBrokenResponse();
        } else {
            attemptFailed(attempt, RetryOn.TIMEOUT, HttpResponseStatus.GATEWAY_TIMEOUT);
        }
    }

    private void attemptFailed(UpstreamAttempt failed, RetryOn kind, HttpResponseStatus status) {
        failed.server().recordFailure(System.nanoTime());
        boolean retry = retries(failed, kind);
        endAttempt();
        if (retry) {
            tryNextServer(status);
        } else {
            fail(status);
        }
    }

    private boolean retries(UpstreamAttempt failed, RetryOn kind) {
        return RetryDecision.retries(serviceConfig.retry(), kind, failed.sent(), request.replayable(),
                chooser.tries(), System.nanoTime() - startNanos);
    }

    private void fail(HttpResponseStatus status) {
        failWith(status, 0);
    }

    /** @param retryAfterSeconds a Retry-After to send, or 0 for none */
    private void failWith(HttpResponseStatus status, long retryAfterSeconds) {
        phase = Phase.DONE;
        body.release();
        queue.cancel();
        // A request without a body is whole once its head is here; its empty end is discarded when it arrives.
        boolean keepAlive = body.whole() && request.keepAlive();
        response.writeError(status, !keepAlive, retryAfterSeconds);
        client.exchangeDone(this, keepAlive);
        log(status.code(), 0);
    }

    private void complete() {
        phase = Phase.DONE;
        body.release();
        // A server leaving rotation (draining, down) gets no connection back: it closes after this response.
        boolean reusable = body.whole() && response.upstreamKeepAlive() && attempt.server().state() == ServerState.UP;
        attempt.release(proxy.pool(clientCtx.channel().eventLoop()), reusable, serviceConfig.pool().maxIdle());
        queue.slotFreed();
        log(response.status(), response.upstreamStatus());
        client.exchangeDone(this, body.whole() && response.clientKeepAlive());
    }

    /** Ends the current attempt, if any, closing its connection; a queued request may then get its slot. */
    private void endAttempt() {
        if (attempt != null && attempt.stage() != UpstreamAttempt.Stage.ENDED) {
            attempt.close();
            queue.slotFreed();
        }
    }

    private void log(int status, int upstreamStatus) {
        AccessLog log = proxy.accessLog();
        if (log.enabled()) {
            long now = System.nanoTime();
            log.log(request.logRecord(status, response.bodyBytes(), attempt == null ? null : attempt.server(),
                    upstreamStatus, upstreamStatus == 0 ? 0 : now - attempt.startNanos(), now - startNanos));
        }
    }
}
