package io.shoal.proxy.http2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.shoal.config.StickyConfig;
import io.shoal.proxy.http.ClientResponse;
import io.shoal.proxy.http.ClientSide;
import io.shoal.proxy.http.ConnectionTimer;
import io.shoal.proxy.http.Exchange;
import io.shoal.proxy.http.Routing;
import io.shoal.proxy.policy.Answer;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.proxy.upstream.ForwardedRequest;

/**
 * The proxy step of one HTTP/2 stream, the only step of its channel: turns the stream's HEADERS into a
 * request, routes it, and runs its {@link Exchange}, which reads the body's DATA frames only as fast as
 * the server takes them (reads are explicit, and the stream's window opens only as its frames are read).
 * A stream the client resets, or that closes, aborts its exchange. Event-loop confined.
 */
final class StreamHandler extends ChannelInboundHandlerAdapter implements ClientSide {
    /** Where the stream is. */
    private enum Stage { AWAITING_HEADERS, EXCHANGING, DONE }

    private final Routing routing;
    private final ResponseFields fields;
    private final ListenerStats listener;
    private ChannelHandlerContext ctx;
    private ConnectionTimer timer;
    private Exchange exchange;
    private Stage stage = Stage.AWAITING_HEADERS;
    /** Whether the request is a HEAD, whose answers have no body, Shoal's own included. */
    private boolean head;
    /** Whether the client still sends: its HEADERS did not end the stream, so a body or trailers follow. */
    private boolean bodyFollows;

    StreamHandler(Routing routing, ResponseFields fields, ListenerStats listener) {
        this.routing = routing;
        this.fields = fields;
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.timer = new ConnectionTimer(ctx.executor(), this::timerFired);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame headers && stage == Stage.AWAITING_HEADERS) {
            start(headers);
        } else if (stage != Stage.EXCHANGING || exchange == null) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof Http2DataFrame data) {
            ByteBuf content = data.content();
            exchange.onRequestContent(data.isEndStream()
                    ? new DefaultLastHttpContent(content) : new DefaultHttpContent(content));
        } else if (msg instanceof Http2HeadersFrame trailers) {
            // Trailers end the body, and go on to a server that takes them: an HTTP/2 one, or a chunked body.
            exchange.onRequestContent(StreamRequests.toLastContent(trailers.headers()));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** A reset comes at once, ahead of any frames not read yet: the exchange stops, and its server with it. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame) {
            abort();
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void start(Http2HeadersFrame headers) {
        listener.requestArrived();
        stage = Stage.EXCHANGING;
        HttpRequest request = StreamRequests.toHttpRequest(headers.headers(), headers.isEndStream());
        head = request != null && request.method().equals(HttpMethod.HEAD);
        bodyFollows = !headers.isEndStream();
        if (request == null) {
            answer(Answer.of(HttpResponseStatus.BAD_REQUEST));
            return;
        }
        if (request.method().equals(HttpMethod.CONNECT)) {
            answer(Answer.of(HttpResponseStatus.METHOD_NOT_ALLOWED)); // Shoal opens no tunnels
            return;
        }
        exchange = routing.exchange(request, this);
        if (exchange != null) {
            exchange.start();
        }
    }

    @Override
    public void answer(Answer answer) {
        stage = Stage.DONE;
        listener.refused(answer.status().code());
        StreamResponse.writeAnswer(ctx, answer, fields, head);
        if (bodyFollows) {
            endInbound();
        }
    }

    @Override
    public Channel channel() {
        return ctx.channel();
    }

    @Override
    public ClientResponse newResponse(ForwardedRequest request, StickyConfig sticky, ResponseFields routeFields) {
        return new StreamResponse(ctx, request, sticky, fields.then(routeFields));
    }

    @Override
    public void readMore() {
        ctx.read();
    }

    @Override
    public void armTimer(long delayNanos) {
        timer.arm(delayNanos);
    }

    private void timerFired() {
        if (exchange != null && stage == Stage.EXCHANGING) {
            exchange.checkTimeout();
        }
    }

    @Override
    public void responded(int status) {
        listener.responded(status);
    }

    @Override
    public void exchangeDone(Exchange done, boolean reusable) {
        stage = Stage.DONE;
        timer.cancel();
        if (!reusable) {
            endInbound();
        }
    }

    /**
     * The response went out before the request's body was whole: the client is told to stop sending it
     * (RFC 9113 section 8.1: RST_STREAM with NO_ERROR after a complete response), and the stream's
     * channel closes, which releases the frames it holds unread.
     */
    private void endInbound() {
        reset(Http2Error.NO_ERROR);
    }

    private void reset(Http2Error error) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(error));
            ctx.close();
        }
    }

    @Override
    public void exchangeUpgraded(Exchange upgraded, Channel upstream) {
        throw new IllegalStateException("HTTP/2 streams are not upgraded");
    }

    /** Resets the stream: the client sees the response cut, and the connection's other streams go on. */
    @Override
    public void closeAfterBrokenResponse() {
        stage = Stage.DONE;
        timer.cancel();
        reset(Http2Error.INTERNAL_ERROR);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null && stage == Stage.EXCHANGING && ctx.channel().isWritable()) {
            exchange.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abort();
        ctx.fireChannelInactive();
    }

    private void abort() {
        timer.cancel();
        if (stage == Stage.EXCHANGING && exchange != null) {
            exchange.abort();
        }
        stage = Stage.DONE;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
