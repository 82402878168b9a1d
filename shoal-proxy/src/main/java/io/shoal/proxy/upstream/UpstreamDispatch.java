package io.shoal.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.config.RetryPolicy.RetryOn;
import io.shoal.config.ServiceConfig;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.log.ProxyEvents;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import io.shoal.topology.Service;

/**
 * Gets one request to a server: has the {@link ServerChooser} choose one (or queue the request), starts
 * an {@link UpstreamAttempt} there, and when the attempt fails starts the next one where
 * {@link RetryDecision} says that is safe, else has the {@link Downstream} answer the failure. Only what
 * a server did is recorded against it: refused, reset, silent once the request was sent, answered badly.
 *
 * <p>Event-loop confined, like its downstream.
 */
public final class UpstreamDispatch {
    /** Where the request is on the upstream side. */
    private enum State { WAITING, QUEUED, ATTEMPTING, OVER }

    private final Downstream downstream;
    private final Channel client;
    private final UpstreamPool pool;
    private final int maxHeaderBytes;
    private final ServiceConfig serviceConfig;
    private final ForwardedRequest request;
    private final ServerChooser chooser;
    private final QueueWait queue;
    private final long startNanos;
    private State state = State.WAITING;
    /** The current attempt, or the last one once the request is answered; null before the first. */
    private UpstreamAttempt attempt;

    /**
     * @param pool the upstream pool of {@code client}'s event loop
     * @param queue the service's queue, or null when none of its servers has a {@code max_conns}
     */
    public UpstreamDispatch(Downstream downstream, Channel client, UpstreamPool pool, RequestQueue queue, Service service,
                     ForwardedRequest request, long keyHash, long startNanos, int maxHeaderBytes) {
        this.downstream = downstream;
        this.client = client;
        this.pool = pool;
        this.maxHeaderBytes = maxHeaderBytes;
        this.serviceConfig = service.config();
        this.request = request;
        this.startNanos = startNanos;
        this.chooser = new ServerChooser(service, request.stickyId(), keyHash);
        this.queue = new QueueWait(this, queue, client.eventLoop(), serviceConfig.queue().timeout().toNanos());
    }

    /** The current or last attempt, or null before the first. */
    public UpstreamAttempt attempt() {
        return attempt;
    }

    /** The attempt whose request went out on an upstream connection that it still holds, or null. */
    public UpstreamAttempt connectedAttempt() {
        return state == State.ATTEMPTING && attempt.sent() && attempt.stage() != UpstreamAttempt.Stage.ENDED
                ? attempt : null;
    }

    /** Chooses a server and starts an attempt there; or queues the request, or answers {@code statusIfNone}. */
    public void next(HttpResponseStatus statusIfNone) {
        ServerChooser.Choice choice = chooser.choose(queue);
        switch (choice) {
            case QUEUED -> state = State.QUEUED;
            case NONE -> downstream.fail(statusIfNone, 0);
            case NONE_UP -> downstream.fail(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    serviceConfig.health().panic().retryAfter().toSeconds());
            default -> start(choice, statusIfNone);
        }
    }

    private void start(ServerChooser.Choice choice, HttpResponseStatus statusIfNone) {
        queue.cancel();
        state = State.ATTEMPTING;
        Server server = chooser.chosen();
        attempt = UpstreamAttempt.of(serviceConfig, downstream, this, client, request, server, chooser.nowNanos());
        if (choice == ServerChooser.Choice.SERVER && server.state() == ServerState.DRAINING) {
            // A drain began between the pick and the count the attempt made. Drain sets the state, then
            // reads the count; this counted, then read the state: one of the two sees the other, so a
            // draining server never gets a request its drain did not wait for.
            end();
            chooser.untried();
            next(statusIfNone);
            return;
        }
        attempt.connect(pool, serviceConfig, maxHeaderBytes);
    }

    void queueSlotFreed() {
        if (state == State.QUEUED) {
            next(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
    }

    void queueTimedOut() {
        if (state == State.QUEUED) {
            downstream.fail(HttpResponseStatus.SERVICE_UNAVAILABLE, 0);
        }
    }

    // --- what the attempt met ------------------------------------------------------------------

    void onConnectFailed(UpstreamAttempt failed, boolean timedOut) {
        failed(failed, timedOut ? RetryOn.TIMEOUT : RetryOn.ERROR,
                timedOut ? HttpResponseStatus.GATEWAY_TIMEOUT : HttpResponseStatus.BAD_GATEWAY);
    }

    void onResponseHead(UpstreamAttempt current, UpstreamHead head) {
        ResponseHeadStep step = ResponseHeadStep.of(head.status(), serviceConfig.retry(), request.upgrade());
        if (step == ResponseHeadStep.INTERIM) {
            current.readNext(); // Shoal answered Expect itself
            return;
        }
        Server server = current.server();
        long at = current.lastActivityNanos(); // the head's arrival
        server.traffic().recordResponseTime(at - current.sentNanos());
        if (step.countsAsFailure()) {
            server.recordFailedResponse(at - current.startNanos(), at);
            if (retries(current, step.retryOn())) {
                server.traffic().recordRetry();
                end();
                next(HttpResponseStatus.valueOf(head.status()));
                return;
            }
        } else {
            server.recordResponse(head.status(), at - current.startNanos(), at);
        }
        if (step == ResponseHeadStep.SWITCH_PROTOCOLS) {
            downstream.switchProtocols(head);
        } else if (step == ResponseHeadStep.OUT_OF_STEP) {
            onInvalidResponse(current); // Shoal forwards no Upgrade but WebSocket's: a 101 here is out of step
        } else {
            downstream.onResponseHead(head, server);
            current.receiving();
        }
    }

    void onInvalidResponse(UpstreamAttempt current) {
        failedOrBroken(current, RetryOn.ERROR, HttpResponseStatus.BAD_GATEWAY);
    }

    void onUpstreamClosed(UpstreamAttempt current) {
        failedOrBroken(current, RetryOn.ERROR, HttpResponseStatus.BAD_GATEWAY);
    }

    /** The server sent nothing for {@code response_timeout}. */
    public void responseTimedOut() {
        failedOrBroken(attempt, RetryOn.TIMEOUT, HttpResponseStatus.GATEWAY_TIMEOUT);
    }

    /** Once the response has started, the only honest thing left is to cut the client's connection. */
    private void failedOrBroken(UpstreamAttempt current, RetryOn kind, HttpResponseStatus status) {
        if (downstream.responseStarted()) {
            downstream.breakResponse();
        } else {
            failed(current, kind, status);
        }
    }

    private void failed(UpstreamAttempt failed, RetryOn kind, HttpResponseStatus status) {
        failed.server().recordFailure(System.nanoTime());
        boolean retry = retries(failed, kind);
        end();
        if (retry) {
            failed.server().traffic().recordRetry();
            next(status);
        } else {
            ProxyEvents.gaveUp(serviceConfig.name(), chooser.tries(), status.code());
            downstream.fail(status, 0);
        }
    }

    private boolean retries(UpstreamAttempt failed, RetryOn kind) {
        return RetryDecision.retries(serviceConfig.retry(), kind, failed.sent(), request.replayable(),
                chooser.tries(), System.nanoTime() - startNanos);
    }

    /** The access log line of the request, with the server of its last attempt, if it had one. */
    public void log(AccessLog log, int status, long bodyBytes, int upstreamStatus) {
        if (log.enabled()) {
            long now = System.nanoTime();
            log.log(request.logRecord(status, bodyBytes, attempt == null ? null : attempt.server(), upstreamStatus,
                    upstreamStatus == 0 ? 0 : now - attempt.startNanos(), now - startNanos));
        }
    }

    // --- ending ----------------------------------------------------------------------------------

    /** After a clean response: the connection goes back to the pool when it can serve another request. */
    public void release(boolean reusable) {
        attempt.release(pool, reusable, serviceConfig.pool().maxIdle());
        queue.slotFreed();
    }

    /** Ends the current attempt, if any, closing its connection; a queued request may then get its slot. */
    void end() {
        if (attempt != null && attempt.stage() != UpstreamAttempt.Stage.ENDED) {
            attempt.close();
            queue.slotFreed();
        }
    }

    /** The request is given up: out of the queue, and the attempt's connection closed. */
    public void cancel() {
        state = State.OVER;
        queue.cancel();
        end();
    }
}
