package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.shoal.config.ServiceConfig;
import io.shoal.topology.Server;

/**
 * An attempt over HTTP/2: one stream on a connection shared with other requests to the server
 * ({@link Http2ServerConnections}). The stream's own flow control paces both ways: the client's body is
 * read only while the stream is writable, and the response's frames are read (which opens the server's
 * window) only while the client is. Event-loop confined.
 */
final class Http2Attempt extends UpstreamAttempt {
    private Http2UpstreamStream handler;
    private Channel stream;
    private boolean tls;
    private HttpHeaders trailers;

    Http2Attempt(Downstream downstream, UpstreamDispatch dispatch, Channel client, ForwardedRequest request,
                 Server server, long startNanos) {
        super(downstream, dispatch, client, request, server, startNanos);
    }

    @Override
    void connect(UpstreamPool pool, ServiceConfig service, int maxHeaderBytes) {
        tls = service.tls() != null;
        pool.http2().openStream(this, service, maxHeaderBytes);
    }

    /** The last step of the stream's pipeline, made when the stream is. */
    Http2UpstreamStream newStreamHandler() {
        handler = new Http2UpstreamStream(this, request.isHead());
        return handler;
    }

    /** No stream: a failure of the server's, unless the request was given up on while it waited. */
    void streamFailed(Throwable cause) {
        if (stage() == Stage.CONNECTING) {
            connectFailed(cause);
        }
    }

    /** The stream is open: the head goes out, ending the stream at once when no body follows. */
    void onStreamOpened(Channel opened) {
        if (stage() != Stage.CONNECTING) {
            opened.close(); // given up on while connecting
            return;
        }
        stream = opened;
        stream.write(new DefaultHttp2HeadersFrame(Http2RequestHead.of(request, tls), !request.hasBody()),
                stream.voidPromise());
        stream.read();
        headSent();
    }

    /** A body part is a DATA frame; trailers that came with the last one, a HEADERS frame that ends the stream. */
    @Override
    void writePart(HttpContent part) {
        ByteBuf data = part.content();
        boolean last = part instanceof LastHttpContent;
        HttpHeaders partTrailers = last ? ((LastHttpContent) part).trailingHeaders() : null;
        if (partTrailers == null || partTrailers.isEmpty()) {
            stream.write(new DefaultHttp2DataFrame(data, last), stream.voidPromise());
            return;
        }
        if (data.isReadable()) {
            stream.write(new DefaultHttp2DataFrame(data, false), stream.voidPromise());
        } else {
            data.release();
        }
        stream.write(new DefaultHttp2HeadersFrame(Http2RequestHead.trailers(partTrailers), true), stream.voidPromise());
    }

    @Override
    public void flush() {
        stream.flush();
    }

    @Override
    public boolean writable() {
        return stream.isWritable();
    }

    @Override
    public HttpHeaders trailers() {
        return trailers;
    }

    void trailersArrived(HttpHeaders fields) {
        trailers = fields;
    }

    /** No read once the stream's last frame came: a read past it would close the stream under the response. */
    @Override
    void readUpstream() {
        if (stream != null && !handler.responseEnded()) {
            stream.read();
        }
    }

    /** From the stream's handler: the server reset the stream, or its connection closed. */
    void onClosed() {
        stream = null;
        closedByServer();
    }

    /** The stream is done with; closing one whose request is still open resets it (CANCEL). */
    @Override
    void release(UpstreamPool pool, boolean reusable, int maxIdle) {
        close();
    }

    @Override
    void close() {
        end();
        if (stream != null) {
            Channel closing = stream;
            stream = null;
            closing.close();
        }
    }

    /** HTTP/2 has no 101 (RFC 9113 section 8.6): its heads never switch protocols. */
    @Override
    public Channel detach() {
        throw new IllegalStateException("an HTTP/2 stream is not a connection to hand over");
    }
}
