package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.shoal.proxy.log.AccessLogRecord;
import io.shoal.topology.Server;
import java.util.Iterator;
import java.util.Map;

/**
 * A client's request head rewritten for the upstream, plus what the proxy must remember about the
 * client's side of it. The head is rewritten once; each attempt writes it as bytes, the forwarding
 * fields appended while writing rather than set in the headers (setting them was a sixth of the
 * proxy's garbage per request, docs/benchmarks.md).
 */
public final class ForwardedRequest {
    private static final AsciiString TRANSFER_ENCODING_CHUNKED = AsciiString.cached("transfer-encoding: chunked\r\n");
    private static final AsciiString HTTP_1_1_CRLF = AsciiString.cached(" HTTP/1.1\r\n");

    private final HttpRequest head;
    private final String forwardedUri;
    private final String forwardedFor;
    private final Scheme scheme;
    private final String host;
    private final boolean chunked;
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
    private final boolean trailersAccepted;
    private final boolean hasBody;
    private final long contentLength;

    /**
     * @param target the origin-form target (or {@code *}) to forward, as the route rewrote it
     * @param stickyId the sticky cookie's value, or null
     * @param scheme the client's, for {@code X-Forwarded-Proto}
     */
    public ForwardedRequest(HttpRequest request, String target, String clientAddress, String stickyId, Scheme scheme) {
        HttpHeaders headers = request.headers();
        this.method = request.method().name();
        this.uri = request.uri();
        this.clientVersion = request.protocolVersion();
        this.clientAddress = clientAddress;
        this.referer = headers.get(HttpHeaderNames.REFERER);
        this.userAgent = headers.get(HttpHeaderNames.USER_AGENT);
        this.stickyId = stickyId;
        this.scheme = scheme;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.expectsContinue = HttpUtil.is100ContinueExpected(request);
        this.upgrade = isWebSocketUpgrade(headers);
        this.trailersAccepted = headers.containsValue(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS, true);
        // The decoder refuses Content-Length beside Transfer-Encoding, and any final coding but chunked.
        this.chunked = HttpUtil.isTransferEncodingChunked(request);
        this.contentLength = chunked ? -1 : HttpUtil.getContentLength(request, 0L);
        this.hasBody = chunked || contentLength > 0;
        this.replayable = isIdempotent(request.method()) && !hasBody;

        this.host = headers.get(HttpHeaderNames.HOST);
        String forwardedFor = headers.get(XForwarded.FOR);
        this.forwardedFor = forwardedFor == null ? clientAddress : forwardedFor + ", " + clientAddress;
        HopByHop.strip(headers, upgrade);
        headers.remove(HttpHeaderNames.EXPECT);
        headers.remove(XForwarded.FOR);
        headers.remove(XForwarded.REAL_IP);
        headers.remove(XForwarded.PROTO);
        headers.remove(XForwarded.HOST);
        this.forwardedUri = target;
        this.head = request;
    }

    /**
     * The head as the upstream gets it: HTTP/1.1, hop-by-hop fields gone, {@code X-Forwarded-For}
     * (appended to the client's), {@code X-Real-IP}, {@code X-Forwarded-Proto} and
     * {@code X-Forwarded-Host} set, and a chunked body announced as such.
     */
    ByteBuf encodeHead(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer(256);
        ByteBufUtil.copy(head.method().asciiName(), buf);
        buf.writeByte(' ');
        buf.writeCharSequence(forwardedUri, CharsetUtil.UTF_8);
        ByteBufUtil.copy(HTTP_1_1_CRLF, buf);
        Iterator<Map.Entry<CharSequence, CharSequence>> fields = head.headers().iteratorCharSequence();
        while (fields.hasNext()) {
            Map.Entry<CharSequence, CharSequence> field = fields.next();
            writeField(buf, field.getKey(), field.getValue());
        }
        if (chunked) {
            ByteBufUtil.copy(TRANSFER_ENCODING_CHUNKED, buf);
        }
        writeField(buf, XForwarded.FOR, forwardedFor);
        writeField(buf, XForwarded.REAL_IP, clientAddress);
        writeField(buf, XForwarded.PROTO, scheme.forwarded());
        if (host != null) {
            writeField(buf, XForwarded.HOST, host);
        }
        buf.writeByte('\r').writeByte('\n');
        return buf;
    }

    /** One byte per char, as the decoder read them (obs-text passes unchanged, as nginx passes it). */
    static void writeField(ByteBuf buf, CharSequence name, CharSequence value) {
        buf.writeCharSequence(name, CharsetUtil.ISO_8859_1);
        buf.writeByte(':').writeByte(' ');
        buf.writeCharSequence(value, CharsetUtil.ISO_8859_1);
        buf.writeByte('\r').writeByte('\n');
    }

    /** The client's head, hop-by-hop fields and the forwarding fields it brought removed. */
    HttpRequest head() {
        return head;
    }

    String forwardedUri() {
        return forwardedUri;
    }

    /** The client's {@code Host}, or null. */
    String host() {
        return host;
    }

    /** X-Forwarded-For as the upstream gets it: the client's, with the client's address appended. */
    String forwardedFor() {
        return forwardedFor;
    }

    String clientAddress() {
        return clientAddress;
    }

    Scheme scheme() {
        return scheme;
    }

    /** Whether the body goes to the upstream in chunks (it came that way). */
    public boolean chunked() {
        return chunked;
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

    public boolean isHead() {
        return head.method() == HttpMethod.HEAD;
    }

    public HttpVersion clientVersion() {
        return clientVersion;
    }

    public boolean keepAlive() {
        return keepAlive;
    }

    public boolean expectsContinue() {
        return expectsContinue;
    }

    /** Whether a body follows the head; without one, the request is whole once its head is here. */
    public boolean hasBody() {
        return hasBody;
    }

    /** The body's announced length; -1 for a chunked body. */
    public long contentLength() {
        return contentLength;
    }

    /** Idempotent and bodiless: can be sent again to another server after a failure. */
    boolean replayable() {
        return replayable;
    }

    /** Whether an HTTP/1.1 client said it takes trailers ({@code TE: trailers}, RFC 9110 section 10.1.4). */
    public boolean trailersAccepted() {
        return trailersAccepted;
    }

    /** A WebSocket handshake: a 101 turns the connections into a tunnel. */
    public boolean upgrade() {
        return upgrade;
    }

    public String stickyId() {
        return stickyId;
    }

    public AccessLogRecord logRecord(int status, long bodyBytes, Server server, int upstreamStatus,
                              long upstreamNanos, long requestNanos) {
        return new AccessLogRecord(clientAddress, System.currentTimeMillis(), method, uri, clientVersion.text(),
                status, bodyBytes, referer, userAgent, server == null ? "-" : server.toString(), upstreamStatus,
                upstreamNanos, requestNanos);
    }
}
