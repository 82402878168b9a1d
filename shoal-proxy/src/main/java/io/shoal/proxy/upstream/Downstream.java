package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.topology.Server;

/**
 * The client's side of one proxied request, as the upstream side sees it: where what the server
 * answers goes, and who answers the client when no server will. An HTTP/1.1 exchange is one; each
 * protocol the proxy speaks to clients brings its own. Event-loop confined.
 */
public interface Downstream {

    /** The request went out on an upstream connection: what the client side holds of the body follows. */
    void onAttached(UpstreamAttempt attempt);

    /** A server's final response head, to pass on (not flushed: the body follows). */
    void onResponseHead(UpstreamHead head, Server server);

    void onResponseBody(ByteBuf data);

    /** The response is whole; {@code attempt} is out of its server's in-flight count and waits for release. */
    void onResponseEnd(UpstreamAttempt attempt);

    /** A {@code 101} to an upgrade the client asked for: the connections become a tunnel. */
    void switchProtocols(UpstreamHead head);

    /** No server will answer: answer {@code status} (with a Retry-After when above zero). */
    void fail(HttpResponseStatus status, long retryAfterSeconds);

    boolean responseStarted();

    /** A started response cannot be finished: cut the client's connection so it sees the truncation. */
    void breakResponse();

    /** The client is gone: stop. */
    void abort();

    /** The upstream connection drained below its low-water mark: the client's body may flow again. */
    void upstreamWritable();
}
