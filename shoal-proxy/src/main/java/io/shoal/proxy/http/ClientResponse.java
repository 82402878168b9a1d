package io.shoal.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.proxy.upstream.ForwardedRequest;
import io.shoal.proxy.upstream.UpstreamHead;
import io.shoal.topology.Server;

/**
 * Writes one response to the client in the client's protocol: a server's, or an error of Shoal's.
 * Keeps what the exchange and the access log need to know of it whatever the protocol.
 */
public abstract class ClientResponse {
    /** What went to the client so far. */
    private enum Sent { NOTHING, CONTINUE, RESPONSE }

    protected final ForwardedRequest request;
    private Sent sent = Sent.NOTHING;
    private boolean upstreamKeepAlive;
    private int status;
    private int upstreamStatus;
    private long bodyBytes;

    protected ClientResponse(ForwardedRequest request) {
        this.request = request;
    }

    public final boolean started() {
        return sent == Sent.RESPONSE;
    }

    public final int status() {
        return status;
    }

    public final int upstreamStatus() {
        return upstreamStatus;
    }

    public final long bodyBytes() {
        return bodyBytes;
    }

    /** Whether the server's connection can carry another request after this response. */
    public final boolean upstreamKeepAlive() {
        return upstreamKeepAlive;
    }

    /** Whether the client's connection can carry another request after this response. */
    public abstract boolean clientKeepAlive();

    /** Tells a client that waits for it to send its body: at most once per request. */
    public final void sendContinue() {
        if (sent == Sent.NOTHING) {
            sent = Sent.CONTINUE;
            writeContinue();
        }
    }

    /** Writes a server's final response head (not flushed: the body follows). */
    public final void writeHead(UpstreamHead head, Server server) {
        sent = Sent.RESPONSE;
        status = upstreamStatus = head.status();
        upstreamKeepAlive = head.keepAlive() && (head.chunked() || head.contentLength() >= 0 || !hasBody(status));
        writeHead(head, server, hasBody(status));
    }

    /** Writes a server's {@code 101}, after which the connection is a tunnel. */
    public final void writeSwitchingProtocols(UpstreamHead head) {
        sent = Sent.RESPONSE;
        status = upstreamStatus = head.status();
        writeSwitchingProtocolsHead(head);
    }

    /** Writes a part of the body and flushes it: nothing waits on the write, flow control reads writability. */
    public final void writeBody(ByteBuf data) {
        bodyBytes += data.readableBytes();
        writeBodyPart(data);
    }

    /** Answers an error of Shoal's; {@code close}: the client's connection closes after it. */
    public final void writeError(HttpResponseStatus error, boolean close, long retryAfterSeconds) {
        sent = Sent.RESPONSE;
        status = error.code();
        writeErrorResponse(error, close, retryAfterSeconds);
    }

    /** The body is whole: ends it, with {@code trailers} (or null) where the client takes them, and flushes. */
    public abstract void endBody(HttpHeaders trailers);

    protected abstract void writeContinue();

    protected abstract void writeHead(UpstreamHead head, Server server, boolean hasBody);

    protected abstract void writeSwitchingProtocolsHead(UpstreamHead head);

    protected abstract void writeBodyPart(ByteBuf data);

    protected abstract void writeErrorResponse(HttpResponseStatus error, boolean close, long retryAfterSeconds);

    /** RFC 9110 section 6.4.1: no body for HEAD, 1xx, 204 and 304. */
    private boolean hasBody(int code) {
        return !request.isHead() && code != 204 && code != 304 && code >= 200;
    }
}
