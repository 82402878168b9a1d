package io.shoal.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.upstream.Downstream;
import io.shoal.proxy.upstream.ForwardedRequest;
import io.shoal.proxy.upstream.UpstreamAttempt;
import io.shoal.proxy.upstream.UpstreamDispatch;
import io.shoal.proxy.upstream.UpstreamHead;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.Service;

/**
 * One request on its way through the proxy, from the client's side: reads a small body whole first
 * ({@link RequestBody}), has it sent to a server ({@link UpstreamDispatch}), streams the rest of the body
 * at the server's pace, and passes the response on ({@link ClientResponse}) or answers an error.
 * A client that stops sending its body gets {@code 408} and blames no server ({@link ExchangeTimer}).
 * The same for every protocol: the {@link ClientSide} is an HTTP/1.1 connection or an HTTP/2 stream.
 *
 * <p>Event-loop confined: every method runs on the client connection's loop, which is also the loop
 * of the upstream connection.
 */
public final class Exchange implements Downstream {
    /** Where the request is; once DISPATCHED, the upstream side knows more: queued, connecting, with a server. */
    public enum Phase { READING_BODY, DISPATCHED, DONE }

    private final ClientSide client;
    private final ProxyContext proxy;
    private final ForwardedRequest request;
    private final ClientResponse response;
    private final RequestBody body;
    private final UpstreamDispatch dispatch;
    private final ExchangeTimer timer;
    private Phase phase = Phase.READING_BODY;

    /** @param responseFields the route's edits to the response's fields */
    Exchange(ClientSide client, ProxyContext proxy, Service service, ForwardedRequest request, long keyHash,
             ResponseFields responseFields) {
        this.client = client;
        this.proxy = proxy;
        this.request = request;
        this.response = client.newResponse(request, service.config().sticky(), responseFields);
        long startNanos = System.nanoTime();
        this.body = new RequestBody(request, RequestBody.bufferBytes(service.config(), proxy.settings()), startNanos);
        this.dispatch = new UpstreamDispatch(this, client.channel(), proxy.pool(client.channel().eventLoop()),
                proxy.queue(service), service, request, keyHash, startNanos, proxy.settings().maxHeaderBytes());
        this.timer = new ExchangeTimer(this, dispatch, client, body, proxy.settings().clientBodyTimeout().toNanos(),
                service.config().timeouts().response().toNanos());
    }

    public void start() {
        if (body.flow() == RequestBody.Flow.BUFFERING) {
            if (request.expectsContinue()) {
                response.sendContinue();
            }
            timer.start();
            client.readMore();
        } else {
            dispatch();
        }
    }

    private void dispatch() {
        phase = Phase.DISPATCHED;
        dispatch.next(HttpResponseStatus.SERVICE_UNAVAILABLE);
    }

    public Phase phase() {
        return phase;
    }

    @Override
    public boolean responseStarted() {
        return response.started();
    }

    public boolean requestComplete() {
        return body.whole();
    }

    /** Whole, and no WebSocket handshake: after one, the client's next bytes may be in the new protocol. */
    public boolean mayReadAhead() {
        return body.whole() && !request.upgrade();
    }

    /** The attempt whose request went out on an upstream connection, or null. */
    UpstreamAttempt connectedAttempt() {
        return phase == Phase.DISPATCHED ? dispatch.connectedAttempt() : null;
    }

    public void onRequestContent(HttpContent content) {
        body.arrived(content, System.nanoTime());
        UpstreamAttempt connected = connectedAttempt();
        if (phase == Phase.DONE || !request.hasBody()) {
            content.release(); // a bodiless request's only part is its empty end: the head says it all
        } else if (connected == null) {
            body.hold(content);
            if (phase == Phase.READING_BODY) {
                bufferedMore();
            }
        } else {
            connected.write(content);
            connected.flush();
            askClientForMore(connected);
        }
    }

    /** Reads on until the body is whole or outgrows the buffer; then a server is chosen. */
    private void bufferedMore() {
        if (body.whole() || body.outgrown()) {
            body.stream();
            dispatch();
        } else {
            client.readMore();
        }
    }

    @Override
    public void onAttached(UpstreamAttempt connected) {
        if (request.expectsContinue() && !body.whole()) {
            response.sendContinue();
        }
        HttpContent content;
        while ((content = body.next()) != null) {
            connected.write(content);
        }
        connected.flush();
        timer.start();
        askClientForMore(connected);
    }

    /** Asks the client for more of the body, unless the upstream connection's buffer is full. */
    private void askClientForMore(UpstreamAttempt connected) {
        if (body.whole()) {
            return;
        }
        if (connected.writable()) {
            client.readMore();
        } else {
            body.pause();
        }
    }

    @Override
    public void upstreamWritable() {
        UpstreamAttempt connected = connectedAttempt();
        if (body.flow() == RequestBody.Flow.PAUSED && connected != null) {
            body.stream();
            askClientForMore(connected);
        }
    }

    /** The client connection drained below its low-water mark. */
    public void clientWritable() {
        UpstreamAttempt connected = connectedAttempt();
        if (connected != null) {
            connected.clientWritable();
        }
    }

    @Override
    public void onResponseHead(UpstreamHead head, Server server) {
        response.writeHead(head, server);
    }

    @Override
    public void onResponseBody(ByteBuf data) {
        response.writeBody(data);
    }

    @Override
    public void onResponseEnd(UpstreamAttempt current) {
        current.end(); // out of the in-flight count before the client can see the end
        response.endBody(current.trailers());
        phase = Phase.DONE;
        body.release();
        // A server leaving rotation (draining, down) gets no connection back: it closes after this response.
        dispatch.release(body.whole() && response.upstreamKeepAlive() && current.server().state() == ServerState.UP);
        log(response.status(), response.upstreamStatus());
        client.exchangeDone(this, body.whole() && response.clientKeepAlive());
    }

    /** WebSocket: answer the 101, then relay bytes both ways until either side closes. */
    @Override
    public void switchProtocols(UpstreamHead head) {
        phase = Phase.DONE;
        body.release();
        response.writeSwitchingProtocols(head);
        log(101, 101);
        UpstreamAttempt attempt = dispatch.attempt();
        attempt.end();
        client.exchangeUpgraded(this, attempt.detach());
    }

    /** Never pads a body: the client sees the truncation. */
    @Override
    public void breakResponse() {
        abort();
        client.closeAfterBrokenResponse();
    }

    /** Answers an error of Shoal's. */
    @Override
    public void fail(HttpResponseStatus status, long retryAfterSeconds) {
        phase = Phase.DONE;
        body.release();
        dispatch.cancel();
        // A request without a body is whole once its head is here; its empty end is discarded when it arrives.
        boolean keepAlive = body.whole() && request.keepAlive();
        response.writeError(status, !keepAlive, retryAfterSeconds);
        client.exchangeDone(this, keepAlive);
        log(status.code(), 0);
    }

    /** The client went away or sent something unusable: stop, and never reuse the upstream connection. */
    @Override
    public void abort() {
        if (phase != Phase.DONE) {
            phase = Phase.DONE;
            body.release();
            dispatch.cancel();
        }
    }

    /** The connection's timer fired: {@link ExchangeTimer} decides whether a timeout passed. */
    public void checkTimeout() {
        timer.check();
    }

    /** The client stopped sending its body: 408, and no server is blamed; the upstream connection is not reused. */
    void clientBodyTimedOut() {
        if (response.started()) {
            breakResponse();
        } else {
            fail(HttpResponseStatus.REQUEST_TIMEOUT, 0);
        }
    }

    private void log(int status, int upstreamStatus) {
        client.responded(status);
        dispatch.log(proxy.accessLog(), status, response.bodyBytes(), upstreamStatus);
    }
}
