package io.shoal.proxy.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import io.shoal.proxy.upstream.UpstreamPool;

/**
 * After a {@code 101 Switching Protocols} (WebSocket), the two connections stop speaking HTTP: their
 * HTTP steps are removed and bytes are relayed both ways, each side reading its next chunk only once
 * the previous one was written to the other (Netty's HexDumpProxy).
 */
final class Tunnel extends ChannelInboundHandlerAdapter {
    static final String NAME = "tunnel";
    private final Channel peer;

    private Tunnel(Channel peer) {
        this.peer = peer;
    }

    /** Both channels are on the same event loop, and their HTTP exchange is over. */
    static void splice(Channel client, Channel upstream) {
        ChannelPipeline c = client.pipeline();
        c.remove(Http1Pipeline.PROXY);
        c.remove(Http1Pipeline.FRAMING);
        c.remove(Http1Pipeline.HEAD_TIMER);
        c.addLast(NAME, new Tunnel(upstream));
        c.remove(Http1Pipeline.DECODER); // hands any bytes it holds to the tunnel

        ChannelPipeline u = upstream.pipeline();
        u.remove(UpstreamPool.HANDLER);
        u.remove(UpstreamPool.IDLE);
        u.remove(UpstreamPool.ENCODER);
        u.addLast(NAME, new Tunnel(client));
        u.remove(UpstreamPool.DECODER); // hands the bytes after the 101 to the tunnel

        client.read();
        upstream.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        peer.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                ctx.channel().close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
