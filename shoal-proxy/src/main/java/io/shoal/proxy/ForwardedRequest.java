package io.shoal.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.shoal.topology.Server;

/**
 * A client's request head rewritten for the upstream, plus what the proxy must remember about the
 * client's side of it. The head is rewritten once and sent unchanged on every attempt.
 */
final class ForwardedRequest {
    private final HttpRequest head;
    private final String method;
    private final String uri;
    private final HttpVersion clientVersion;
    private final String clientAddress;
    private final String referer;
    private final String userAgent;
    private final String stickyId;
    private final boolean keepAlive;
    private final boolean expectsContinue;
    private final boolean replayable;
    private final boolean upgrade;
    private final boolean hasBody;

    /**
     * @param path the path to forward (the route may have stripped a prefix)
     * @param stickyId the sticky cookie's value, or null
     */
    ForwardedRequest(HttpRequest request, String path, String clientAddress, String stickyId) {
        HttpHeaders headers = request.headers();
        this.method = request.method().name();
        this.uri = request.uri();
        this.clientVersion = request.protocolVersion();
        this.clientAddress = clientAddress;
        this.referer = headers.get(HttpHeaderNames.REFERER);
        this.userAgent = headers.get(HttpHeaderNames.USER_AGENT);
        this.stickyId = stickyId;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.expectsContinue = HttpUtil.is100ContinueExpected(request);
        this.upgrade = isWebSocketUpgrade(headers);
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        this.hasBody = hasBody;
        this.replayable = isIdempotent(request.method()) && !hasBody;

        String host = headers.get(HttpHeaderNames.HOST);
        HopByHop.strip(headers, upgrade);
        headers.remove(HttpHeaderNames.EXPECT);
        if (HttpUtil.isTransferEncodingChunked(request) || hasBody && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        String forwardedFor = headers.get(XForwarded.FOR);
        headers.set(XForwarded.FOR, forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress);
        headers.set(XForwarded.REAL_IP, clientAddress);
        headers.set(XForwarded.PROTO, "http");
        if (host != null) {
            headers.set(XForwarded.HOST, host);
        }
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        request.setUri(path.equals(pathOf(uri)) ? uri : path + queryOf(uri));
        this.head = request;
    }

    private static boolean isWebSocketUpgrade(HttpHeaders headers) {
        return headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && headers.contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** RFC 9110 section 9.2.2. */
    static boolean isIdempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.PUT
                || method == HttpMethod.DELETE || method == HttpMethod.OPTIONS || method == HttpMethod.TRACE;
    }

    static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static String queryOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? "" : uri.substring(query);
    }

    HttpRequest head() {
        return head;
    }

    boolean isHead() {
        return head.method() == HttpMethod.HEAD;
    }

    HttpVersion clientVersion() {
        return clientVersion;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    boolean expectsContinue() {
        return expectsContinue;
    }

    /** Whether a body follows the head; without one, the request is whole once its head is here. */
    boolean hasBody() {
        return hasBody;
    }

    /** Idempotent and bodiless: can be sent again to another server after a failure. */
    boolean replayable() {
        return replayable;
    }

    boolean upgrade() {
        return upgrade;
    }

    String stickyId() {
        return stickyId;
    }

    AccessLogRecord logRecord(int status, long bodyBytes, Server server, int upstreamStatus,
                              long upstreamNanos, long requestNanos) {
        return new AccessLogRecord(clientAddress, System.currentTimeMillis(), method, uri, clientVersion.text(),
                status, bodyBytes, referer, userAgent, server == null ? "-" : server.toString(), upstreamStatus,
                upstreamNanos, requestNanos);
    }
}
