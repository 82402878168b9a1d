package io.shoal.proxy.http;

import io.shoal.proxy.upstream.UpstreamAttempt;
import io.shoal.proxy.upstream.UpstreamDispatch;

/**
 * The timeouts of one exchange, kept on its connection's one timer (re-armed from timestamps, never a
 * task per request): while the client owes body bytes, nginx's {@code client_body_timeout}, the time
 * since the last part came (the client's fault: 408); while a server holds the request, nginx's
 * {@code proxy_read_timeout}, the time since the last byte moved to or from it (the server's: 504).
 * Connecting and queueing have timers of their own. Event-loop confined.
 */
final class ExchangeTimer {
    private final Exchange exchange;
    private final UpstreamDispatch dispatch;
    private final ClientSide client;
    private final RequestBody body;
    private final long bodyTimeoutNanos;
    private final long responseTimeoutNanos;

    ExchangeTimer(Exchange exchange, UpstreamDispatch dispatch, ClientSide client, RequestBody body,
                  long bodyTimeoutNanos, long responseTimeoutNanos) {
        this.exchange = exchange;
        this.dispatch = dispatch;
        this.client = client;
        this.body = body;
        this.bodyTimeoutNanos = bodyTimeoutNanos;
        this.responseTimeoutNanos = responseTimeoutNanos;
    }

    /** Makes sure {@link #check} runs within the shorter timeout; it re-arms itself for the one that applies. */
    void start() {
        client.armTimer(Math.min(bodyTimeoutNanos, responseTimeoutNanos));
    }

    void check() {
        if (exchange.phase() == Exchange.Phase.DONE) {
            return;
        }
        long now = System.nanoTime();
        UpstreamAttempt connected = exchange.connectedAttempt();
        if (clientOwesBody(connected)) {
            long left = body.lastPartNanos() + bodyTimeoutNanos - now;
            if (left > 0) {
                client.armTimer(left);
            } else {
                exchange.clientBodyTimedOut();
            }
        } else if (connected != null) {
            long left = connected.lastActivityNanos() + responseTimeoutNanos - now;
            if (left > 0) {
                client.armTimer(left);
            } else {
                dispatch.responseTimedOut();
            }
        }
    }

    /**
     * The rest of the body is the client's to send and nothing else holds it up: the body is being read
     * whole first, or it streams to a server that takes it (a server that stops reading it is timed by
     * the response timeout instead).
     */
    private boolean clientOwesBody(UpstreamAttempt connected) {
        return !body.whole() && (body.flow() == RequestBody.Flow.BUFFERING
                || body.flow() == RequestBody.Flow.STREAMING && connected != null);
    }
}
