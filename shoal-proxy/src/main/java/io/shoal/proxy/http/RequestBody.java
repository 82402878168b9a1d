package io.shoal.proxy.http;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.shoal.config.ProxySettings;
import io.shoal.config.ServiceConfig;
import io.shoal.proxy.upstream.ForwardedRequest;
import java.util.ArrayDeque;

/**
 * A request's body between the client and the upstream connection: the parts that came before a
 * connection could take them, whether the body is whole, and when its last part came (for
 * {@code client_body_timeout}). A body that fits in {@code client_body_buffer_size} (a chunked one until
 * it outgrows it) is read whole before a server is chosen (nginx {@code proxy_request_buffering}), so a
 * client that sends it slowly holds no server connection. Event-loop confined.
 */
final class RequestBody {
    /** Where the parts go as they come. */
    enum Flow {
        /** Held until the body is whole or outgrows the buffer; then a server is chosen. */
        BUFFERING,
        /** Held only until an upstream connection takes them, then streamed as they come. */
        STREAMING,
        /** Streaming, but the upstream connection is full: the client is not read until it drains. */
        PAUSED
    }

    private final long limitBytes;
    private Flow flow;
    /** Made only for a body that comes before its upstream connection. */
    private ArrayDeque<HttpContent> held;
    private long heldBytes;
    private boolean whole;
    private long lastPartNanos;

    RequestBody(ForwardedRequest request, int bufferBytes, long nowNanos) {
        this.limitBytes = bufferBytes;
        this.whole = !request.hasBody();
        this.lastPartNanos = nowNanos;
        boolean fits = request.chunked() || request.contentLength() <= bufferBytes;
        this.flow = request.hasBody() && bufferBytes > 0 && fits ? Flow.BUFFERING : Flow.STREAMING;
    }

    /**
     * How much of a body to {@code service} is read before a server is chosen: {@code client_body_buffer_size},
     * but nothing to an HTTP/2 server, as nginx's {@code grpc_pass} streams at once: a gRPC stream's first
     * message must not wait for a buffer to fill, and a slow body holds a stream there, not a connection.
     */
    static int bufferBytes(ServiceConfig service, ProxySettings settings) {
        return service.protocol() == ServiceConfig.Protocol.H2 ? 0 : settings.clientBodyBufferBytes();
    }

    Flow flow() {
        return flow;
    }

    /** The buffering is over (the body is whole or outgrew the buffer), or a pause: parts stream on. */
    void stream() {
        flow = Flow.STREAMING;
    }

    void pause() {
        flow = Flow.PAUSED;
    }

    boolean whole() {
        return whole;
    }

    /** Every part passes here first, whatever is done with it next. */
    void arrived(HttpContent part, long nowNanos) {
        lastPartNanos = nowNanos;
        if (part instanceof LastHttpContent) {
            whole = true;
        }
    }

    long lastPartNanos() {
        return lastPartNanos;
    }

    void hold(HttpContent part) {
        if (held == null) {
            held = new ArrayDeque<>(2);
        }
        held.add(part);
        heldBytes += part.content().readableBytes();
    }

    /** Whether a buffering body grew past the buffer and must stream from now on. */
    boolean outgrown() {
        return heldBytes > limitBytes;
    }

    /** The next held part, for the upstream connection, or null. */
    HttpContent next() {
        return held == null ? null : held.poll();
    }

    void release() {
        HttpContent part;
        while ((part = next()) != null) {
            part.release();
        }
    }
}
