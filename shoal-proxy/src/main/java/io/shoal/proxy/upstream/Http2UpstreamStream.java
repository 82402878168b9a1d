package io.shoal.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The last step of one HTTP/2 stream to a server: turns its frames into what an attempt reads from any
 * server, a head ({@link Http2Heads}), body parts and the end, with the trailers kept for the end.
 * A reset from the server stops the attempt at once, as a closed connection does. Event-loop confined.
 */
final class Http2UpstreamStream extends ChannelInboundHandlerAdapter {
    /** Where the response is. */
    private enum Stage { AWAITING_HEAD, BODY, ENDED }

    private final Http2Attempt attempt;
    private final boolean headRequest;
    private Stage stage = Stage.AWAITING_HEAD;

    Http2UpstreamStream(Http2Attempt attempt, boolean headRequest) {
        this.attempt = attempt;
        this.headRequest = headRequest;
    }

    /** Whether the server's last frame of the stream came. */
    boolean responseEnded() {
        return stage == Stage.ENDED;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame headers) {
            onHeaders(headers);
        } else if (msg instanceof Http2DataFrame data && stage == Stage.BODY) {
            if (data.isEndStream()) {
                stage = Stage.ENDED; // before the body is passed on, which may ask for the next read
            }
            if (data.content().isReadable()) {
                attempt.onRead(data.content());
            } else {
                data.release();
            }
            if (data.isEndStream()) {
                attempt.onRead(UpstreamResponseDecoder.Marker.END);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHeaders(Http2HeadersFrame frame) {
        if (stage == Stage.BODY) {
            stage = Stage.ENDED;
            attempt.trailersArrived(Http2Heads.trailers(frame.headers()));
            attempt.onRead(UpstreamResponseDecoder.Marker.END);
            return;
        }
        UpstreamHead head = Http2Heads.head(frame.headers(), frame.isEndStream(), headRequest);
        if (head == null) {
            stage = Stage.ENDED;
            attempt.onRead(UpstreamResponseDecoder.Marker.INVALID);
            return;
        }
        boolean interim = head.status() < 200;
        if (!interim) {
            stage = frame.isEndStream() ? Stage.ENDED : Stage.BODY;
        }
        attempt.onRead(head);
        if (!interim && frame.isEndStream()) {
            attempt.onRead(UpstreamResponseDecoder.Marker.END);
        }
    }

    /**
     * A reset comes ahead of the frames not read yet. One with NO_ERROR only says the server needs no more of
     * the request (RFC 9113 section 8.1): the response it sent is read to its end. Any other stops the attempt.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2ResetFrame reset && reset.errorCode() != Http2Error.NO_ERROR.code()) {
            ctx.close();
        }
        ReferenceCountUtil.release(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        attempt.onClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            attempt.upstreamWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
