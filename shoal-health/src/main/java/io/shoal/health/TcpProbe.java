package io.shoal.health;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.shoal.config.HealthCheckConfig;
import io.shoal.topology.CheckResult;
import io.shoal.topology.Server;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The {@code tcp} check: a connect, and optionally HAProxy's {@code tcp-check send} / {@code expect}:
 * write {@code send}, then pass as soon as what came back contains {@code expect}.
 */
final class TcpProbe implements Probe {
    private static final int MAX_ANSWER_CHARS = 8192;

    private final HealthCheckConfig config;
    private final Class<? extends SocketChannel> channelType;

    TcpProbe(HealthCheckConfig config, Class<? extends SocketChannel> channelType) {
        this.config = config;
        this.channelType = channelType;
    }

    @Override
    public void run(Server server, EventLoop loop, Consumer<CheckResult> done) {
        ProbeContext probe = new ProbeContext(done);
        StringBuilder answer = new StringBuilder();
        if (config.expect() != null) {
            probe.onTimeoutDescribe(() -> mismatch(answer));
        }
        probe.connect(server, loop, channelType, config.timeout(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                if (config.send() != null) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer(config.send(), StandardCharsets.UTF_8));
                }
                if (config.expect() == null) {
                    probe.pass("connected");
                }
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                try {
                    if (answer.length() < MAX_ANSWER_CHARS) {
                        answer.append(bytes.toString(StandardCharsets.UTF_8));
                    }
                } finally {
                    bytes.release();
                }
                if (config.expect() == null) {
                    return; // connect only: already passed
                }
                if (answer.indexOf(config.expect()) >= 0) {
                    probe.pass("got " + config.expect());
                } else if (answer.length() >= MAX_ANSWER_CHARS) {
                    probe.fail(mismatch(answer));
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                probe.fail(mismatch(answer));
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                probe.fail(ProbeContext.describe(cause));
            }
        });
    }

    private String mismatch(StringBuilder answer) {
        String text = answer.length() > 40 ? answer.substring(0, 40) + "..." : answer.toString();
        return "expected " + config.expect() + ", got " + (text.isBlank() ? "nothing" : "'" + text.strip() + "'");
    }
}
