package io.shoal.proxy.tls;

import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.atomic.LongAdder;

/**
 * One listener's TLS handshakes: those that succeeded, and those that failed (a version or cipher in
 * common with no one, a client certificate refused, a client gone or silent mid-handshake), as Envoy's
 * {@code ssl.handshake} and {@code ssl.connection_error}. Event loops add to striped counters, no lock;
 * a connection that sends nothing is no handshake.
 */
public final class Handshakes {
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Counts the outcome of {@code handler}'s handshake when it is settled, on the connection's loop. */
    SslHandler counting(SslHandler handler) {
        handler.handshakeFuture().addListener(handshake -> (handshake.isSuccess() ? succeeded : failed).increment());
        return handler;
    }

    public long succeeded() {
        return succeeded.sum();
    }

    public long failed() {
        return failed.sum();
    }
}
