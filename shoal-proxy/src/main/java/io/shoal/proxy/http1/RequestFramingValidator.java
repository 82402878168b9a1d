package io.shoal.proxy.http1;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.shoal.proxy.http.HostHeader;
import io.shoal.proxy.upstream.HopByHop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Rejects requests whose framing or meaning is ambiguous (RFC 9112), before any of it is forwarded.
 *
 * <p>Netty's decoder (with {@link StrictRequestDecoder}'s additions) already refuses Content-Length
 * with Transfer-Encoding, differing Content-Length values, bad chunk sizes, bare CR or LF, and invalid
 * header names and values; this step turns those into the right status, checks the request line
 * ({@link RequestLine}), {@code Host} and {@code Transfer-Encoding} ({@link TransferCoding}), and holds back what
 * one socket read decoded until the read is complete, so that a request whose head is fine but whose
 * first bytes of body are malformed is not forwarded either. On a rejection, the whole requests that
 * came before the bad one are passed on, then a {@link RequestRejected} in their place in the line, so
 * that pipelined requests are answered in order before the error; nothing else from the connection
 * passes, and the proxy step answers the status and closes.
 */
final class RequestFramingValidator extends ChannelInboundHandlerAdapter {
    private final List<Object> batch = new ArrayList<>(4);
    private boolean rejected;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        HttpResponseStatus problem = problemOf(msg);
        if (problem != null) {
            reject(ctx, msg, problem);
            return;
        }
        batch.add(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        for (int i = 0; i < batch.size(); i++) {
            ctx.fireChannelRead(batch.get(i));
        }
        batch.clear();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseBatch();
        ctx.fireChannelInactive();
    }

    private static HttpResponseStatus problemOf(Object msg) {
        if (!(msg instanceof HttpObject)) {
            return null;
        }
        DecoderResult result = ((HttpObject) msg).decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return HttpResponseStatus.REQUEST_URI_TOO_LONG;
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            }
            return HttpResponseStatus.BAD_REQUEST;
        }
        if (msg instanceof HttpRequest) {
            HttpRequest request = (HttpRequest) msg;
            HttpResponseStatus problem = RequestLine.problemOf(request);
            if (problem != null) {
                return problem;
            }
            if (!hasValidHost(request) || HopByHop.nominatesFramingField(request.headers())) {
                return HttpResponseStatus.BAD_REQUEST;
            }
            return TransferCoding.problemOf(request.headers());
        }
        return null;
    }

    /** RFC 9112 section 3.2: exactly one Host on HTTP/1.1, at most one before. */
    private static boolean hasValidHost(HttpRequest request) {
        HttpHeaders headers = request.headers();
        String host = headers.get(HttpHeaderNames.HOST);
        if (host == null) {
            return !request.protocolVersion().equals(HttpVersion.HTTP_1_1);
        }
        Iterator<? extends CharSequence> hosts = headers.valueCharSequenceIterator(HttpHeaderNames.HOST);
        hosts.next();
        return !hosts.hasNext() && HostHeader.isValid(host);
    }

    private void reject(ChannelHandlerContext ctx, Object msg, HttpResponseStatus status) {
        rejected = true;
        ReferenceCountUtil.release(msg);
        int whole = 0; // the parts up to the end of the last whole request
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof LastHttpContent) {
                whole = i + 1;
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            if (i < whole) {
                ctx.fireChannelRead(batch.get(i));
            } else {
                ReferenceCountUtil.release(batch.get(i));
            }
        }
        batch.clear();
        ctx.fireChannelRead(new RequestRejected(status));
    }

    private void releaseBatch() {
        for (int i = 0; i < batch.size(); i++) {
            ReferenceCountUtil.release(batch.get(i));
        }
        batch.clear();
    }

    /**
     * Tells the proxy step that the request at this place in the line is refused: it must answer
     * {@code status} (if it still can) and close.
     */
    record RequestRejected(HttpResponseStatus status) {}
}
