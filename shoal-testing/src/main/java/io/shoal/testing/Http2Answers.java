package io.shoal.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * {@link NettyTestServer}'s HTTP/2 side, behind Netty's frame codec: answers each request stream once
 * its request has ended, records the most streams waiting for their answer at once on this connection, and goes
 * away after {@link NettyTestServer#goAwayAfter} requests.
 *
 * <p>Threading: one per connection, on its event loop.
 */
final class Http2Answers extends ChannelInboundHandlerAdapter {
    private final NettyTestServer server;
    private int open;
    private int received;

    Http2Answers(NettyTestServer server) {
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame headers) {
            if (headers.headers().method() != null) {
                open++;
                server.maxConcurrentStreams.accumulateAndGet(open, Math::max);
                if (++received == server.goAwayAfter) {
                    server.goAways.incrementAndGet();
                    ctx.close(); // the codec sends GOAWAY now and closes once the open streams are answered
                }
            }
            if (headers.isEndStream()) {
                answer(ctx, headers.stream());
            }
        } else if (msg instanceof Http2ResetFrame) {
            server.streamResets.incrementAndGet();
        } else if (msg instanceof Http2DataFrame data) {
            server.requestBodyBytes.addAndGet(data.content().readableBytes());
            if (data.initialFlowControlledBytes() > 0) {
                ctx.write(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(data.stream()));
            }
            if (data.isEndStream()) {
                answer(ctx, data.stream());
            }
        }
        ReferenceCountUtil.release(msg);
    }

    private void answer(ChannelHandlerContext ctx, Http2FrameStream stream) {
        server.later(ctx, () -> {
            server.requests.incrementAndGet();
            open--;
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                    .addInt("content-length", NettyTestServer.BODY.length()).add("x-server", "netty")).stream(stream));
            ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(NettyTestServer.BODY, StandardCharsets.US_ASCII), true)
                    .stream(stream));
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }
}
