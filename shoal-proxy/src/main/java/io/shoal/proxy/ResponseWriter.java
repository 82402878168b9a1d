package io.shoal.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.shoal.config.StickyConfig;
import io.shoal.topology.Server;

/**
 * Writes one response to the client: the upstream's, with its hop-by-hop fields replaced by the
 * client connection's own framing and persistence, or an error of Shoal's.
 */
final class ResponseWriter {
    private final ChannelHandlerContext client;
    private final ForwardedRequest request;
    private final StickyConfig sticky;
    private boolean started;
    private boolean clientKeepAlive;
    private boolean upstreamKeepAlive;
    private int status;
    private int upstreamStatus;
    private long bodyBytes;

    ResponseWriter(ChannelHandlerContext client, ForwardedRequest request, StickyConfig sticky) {
        this.client = client;
        this.request = request;
        this.sticky = sticky;
    }

    boolean started() {
        return started;
    }

    int status() {
        return status;
    }

    int upstreamStatus() {
        return upstreamStatus;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    boolean upstreamKeepAlive() {
        return upstreamKeepAlive;
    }

    boolean clientKeepAlive() {
        return clientKeepAlive;
    }

    void sendContinue() {
        client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }

    void writeHead(HttpResponse response, Server server) {
        started = true;
        status = upstreamStatus = response.status().code();
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        HttpHeaders headers = response.headers();
        boolean chunked = HttpUtil.isTransferEncodingChunked(response);
        HopByHop.strip(headers, false);
        boolean delimitedByLength = headers.contains(HttpHeaderNames.CONTENT_LENGTH) || !hasBody(response);
        clientKeepAlive = request.keepAlive();
        if (!delimitedByLength) {
            if (request.clientVersion().equals(HttpVersion.HTTP_1_1)) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                clientKeepAlive = false; // HTTP/1.0 knows no chunks: the end of the body is the close
            }
        }
        if (!chunked && !headers.contains(HttpHeaderNames.CONTENT_LENGTH) && hasBody(response)) {
            upstreamKeepAlive = false; // read until close
        }
        if (!clientKeepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (request.clientVersion().equals(HttpVersion.HTTP_1_0)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        if (sticky != null && !server.stickyId().equals(request.stickyId())) {
            headers.add(HttpHeaderNames.SET_COOKIE, StickySessions.setCookie(sticky, server));
        }
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        client.write(response, client.voidPromise());
    }

    void writeSwitchingProtocols(HttpResponse response) {
        started = true;
        status = upstreamStatus = response.status().code();
        HopByHop.strip(response.headers(), true);
        client.writeAndFlush(response);
    }

    private boolean hasBody(HttpResponse response) {
        int code = response.status().code();
        return !request.isHead() && code != 204 && code != 304 && code >= 200;
    }

    /** Nothing waits on a body write (flow control reads writability), so no promise is made for it. */
    void writeContent(HttpContent content) {
        bodyBytes += content.content().readableBytes();
        client.writeAndFlush(content, client.voidPromise());
    }

    void writeError(HttpResponseStatus error, boolean close, long retryAfterSeconds) {
        started = true;
        status = error.code();
        var response = Responses.error(client.alloc(), error, close);
        if (retryAfterSeconds > 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        }
        client.writeAndFlush(response);
    }
}
