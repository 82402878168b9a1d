package io.shoal.proxy.http1;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.shoal.config.RedirectConfig;
import io.shoal.proxy.http.HostHeader;
import io.shoal.proxy.http.RequestTarget;
import io.shoal.proxy.http1.RequestFramingValidator.RequestRejected;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.stats.ConnectionPhase;
import io.shoal.proxy.stats.ListenerStats;

/**
 * The last step of a redirecting listener's connection, in place of {@link ClientHandler}: answers
 * every request with a redirect to the same host and target over HTTPS; nothing goes upstream. A
 * request with a body is answered at once and the connection closed after it, as Shoal's other own
 * answers are, so no body is read in vain; a bodiless HTTP/1.1 request keeps the connection open.
 * Requests are answered as they arrive, in order; reading stops while the client does not read its answers.
 */
final class RedirectHandler extends ChannelInboundHandlerAdapter {
    /** Where the connection is between requests. */
    private enum State { AWAITING_HEAD, AWAITING_END, CLOSING }

    private final HttpResponseStatus status;
    private final String portSuffix;
    private final RequestHeadTimer headTimer;
    private final ListenerStats listener;
    private final ConnectionPhase phase;
    private State state = State.AWAITING_HEAD;

    RedirectHandler(RedirectConfig redirect, RequestHeadTimer headTimer, ListenerStats listener, ConnectionPhase phase) {
        this.status = HttpResponseStatus.valueOf(redirect.code());
        this.portSuffix = redirect.port() == 443 ? "" : ":" + redirect.port();
        this.headTimer = headTimer;
        this.listener = listener;
        this.phase = phase;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        headTimer.awaitHead(true);
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        phase.read(msg);
        try {
            if (state == State.CLOSING) {
                return;
            }
            if (msg instanceof RequestRejected rejected) {
                listener.requestArrived(); // in place of a request whose head the framing step refused
                refuse(ctx, rejected.status());
            } else if (msg instanceof HttpRequest request && state == State.AWAITING_HEAD) {
                headTimer.headReceived();
                answer(ctx, request);
            }
            if (state == State.AWAITING_END && msg instanceof LastHttpContent) {
                state = State.AWAITING_HEAD;
                phase.responseEnded();
                headTimer.awaitHead(false);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest request) {
        RequestTarget target = RequestTarget.read(request); // an absolute-form target sets Host
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (target == null || host == null) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        String location = "https://" + HostHeader.hostName(host) + portSuffix + target.originForm();
        listener.responded(status.code());
        if (hasBody(request) || !keepAlive(request)) {
            state = State.CLOSING;
            LingeringClose.after(ctx.writeAndFlush(Responses.redirect(ctx.alloc(), status, location, true)));
        } else {
            state = State.AWAITING_END;
            ctx.writeAndFlush(Responses.redirect(ctx.alloc(), status, location, false), ctx.voidPromise());
        }
    }

    private static boolean hasBody(HttpRequest request) {
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    /** HTTP/1.0 clients get the close: the answer would otherwise need a keep-alive field only for them. */
    private static boolean keepAlive(HttpRequest request) {
        return request.protocolVersion().equals(HttpVersion.HTTP_1_1) && HttpUtil.isKeepAlive(request);
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus error) {
        state = State.CLOSING;
        listener.denied();
        listener.responded(error.code());
        LingeringClose.after(ctx.writeAndFlush(Responses.error(ctx.alloc(), error, true, ResponseFields.NONE)));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state != State.CLOSING && ctx.channel().isWritable()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (state != State.CLOSING && ctx.channel().isWritable()) {
            ctx.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSING;
        phase.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
