package io.shoal.proxy.http2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import io.shoal.config.StickyConfig;
import io.shoal.proxy.http.ClientResponse;
import io.shoal.proxy.http.Methods;
import io.shoal.proxy.policy.Answer;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.upstream.ForwardedRequest;
import io.shoal.proxy.upstream.StickySessions;
import io.shoal.proxy.upstream.UpstreamHead;
import io.shoal.topology.Server;
import java.util.Map;
import java.util.Set;

/**
 * Writes one response on an HTTP/2 stream: a server's head as a HEADERS frame (names in lower case,
 * without the fields HTTP/2 forbids, RFC 9113 section 8.2.2), its body as DATA frames, the end as an
 * empty DATA frame that ends the stream; or an error of Shoal's. The stream's own flow control paces it:
 * the upstream connection is read only while the stream is writable.
 */
final class StreamResponse extends ClientResponse {
    /** Connection-specific fields (RFC 9113 section 8.2.2), which an HTTP/1.1 server may send. */
    private static final Set<AsciiString> NOT_IN_HTTP_2 = Set.of(
            AsciiString.cached("connection"), AsciiString.cached("keep-alive"),
            AsciiString.cached("proxy-connection"), AsciiString.cached("transfer-encoding"),
            AsciiString.cached("upgrade"));
    private static final AsciiString SERVER = AsciiString.cached("shoal");
    private static final AsciiString ALLOW = AsciiString.cached(Methods.FORWARDED);

    private final ChannelHandlerContext stream;
    private final StickyConfig sticky;
    private final ResponseFields fields;
    private boolean bodyExpected;

    StreamResponse(ChannelHandlerContext stream, ForwardedRequest request, StickyConfig sticky, ResponseFields fields) {
        super(request);
        this.stream = stream;
        this.sticky = sticky;
        this.fields = fields;
    }

    /** The stream ends with its response; the connection carries others. */
    @Override
    public boolean clientKeepAlive() {
        return true;
    }

    @Override
    protected void writeContinue() {
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status(HttpResponseStatus.CONTINUE.codeAsText())));
    }

    @Override
    protected void writeHead(UpstreamHead head, Server server, boolean hasBody) {
        Http2Headers out = new DefaultHttp2Headers(false);
        out.status(AsciiString.of(Integer.toString(head.status())));
        head.forEachField((name, value) -> {
            AsciiString lower = name.toLowerCase();
            if (!NOT_IN_HTTP_2.contains(lower) && !fields.removes(lower)) {
                out.add(lower, value);
            }
        });
        addFields(out, fields);
        if (sticky != null && !server.stickyId().equals(request.stickyId())) {
            out.add(HttpHeaderNames.SET_COOKIE, StickySessions.setCookie(sticky, server));
        }
        bodyExpected = hasBody && !head.endsResponse();
        stream.write(new DefaultHttp2HeadersFrame(out, !bodyExpected));
    }

    /** HTTP/2 has no 101 (RFC 9113 section 8.6): a stream never asks for an upgrade, so none is answered. */
    @Override
    protected void writeSwitchingProtocolsHead(UpstreamHead head) {
        throw new IllegalStateException("HTTP/2 streams are not upgraded");
    }

    @Override
    protected void writeBodyPart(ByteBuf data) {
        stream.writeAndFlush(new DefaultHttp2DataFrame(data, false), stream.voidPromise());
    }

    /** Trailers (gRPC's status) end the stream as a HEADERS frame; without them, an empty DATA frame does. */
    @Override
    public void endBody(HttpHeaders trailers) {
        if (!bodyExpected) {
            stream.flush();
        } else if (trailers == null || trailers.isEmpty()) {
            stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true));
        } else {
            Http2Headers out = new DefaultHttp2Headers(false);
            for (Map.Entry<String, String> field : trailers) {
                out.add(AsciiString.of(field.getKey()).toLowerCase(), field.getValue());
            }
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(out, true));
        }
    }

    @Override
    protected void writeErrorResponse(HttpResponseStatus error, boolean close, long retryAfterSeconds) {
        writeAnswer(stream, Answer.retryAfter(error, retryAfterSeconds), fields, request.isHead());
    }

    /** An answer of Shoal's own, as its HTTP/1.1 answers (without a body to a HEAD). */
    static void writeAnswer(ChannelHandlerContext stream, Answer answer, ResponseFields fields, boolean head) {
        Http2Headers out = new DefaultHttp2Headers(false)
                .status(answer.status().codeAsText())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set(HttpHeaderNames.SERVER, SERVER);
        if (answer.contentType() != null) {
            out.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        }
        if (answer.retryAfterSeconds() > 0) {
            out.setLong(HttpHeaderNames.RETRY_AFTER, answer.retryAfterSeconds());
        }
        if (answer.status().code() == 405) {
            out.set(HttpHeaderNames.ALLOW, ALLOW);
        }
        addFields(out, answer.fields());
        addFields(out, fields);
        boolean bodiless = head || answer.body().length == 0;
        stream.write(new DefaultHttp2HeadersFrame(out, bodiless));
        if (!bodiless) {
            stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(answer.body()), true));
        }
        stream.flush();
    }

    /** HTTP/2 field names are lower case (RFC 9113 section 8.2.1). */
    private static void addFields(Http2Headers out, ResponseFields fields) {
        for (ResponseFields.Field field : fields.added()) {
            out.add(AsciiString.of(field.name()).toLowerCase(), field.value());
        }
    }
}
