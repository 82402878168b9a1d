package io.shoal.health;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.shoal.config.HealthCheckConfig;
import io.shoal.topology.CheckResult;
import io.shoal.topology.Server;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code http} check: one request on a fresh connection; passes when the status is expected and
 * the body matches (nginx Plus {@code match}, HAProxy {@code http-check expect}).
 */
final class HttpProbe implements Probe {
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final HealthCheckConfig config;
    private final Class<? extends SocketChannel> channelType;
    private final Pattern bodyRegex;

    HttpProbe(HealthCheckConfig config, Class<? extends SocketChannel> channelType) {
        this.config = config;
        this.channelType = channelType;
        this.bodyRegex = config.bodyRegex() == null ? null : Pattern.compile(config.bodyRegex());
    }

    @Override
    public void run(Server server, EventLoop loop, Consumer<CheckResult> done) {
        ProbeContext probe = new ProbeContext(done);
        probe.connect(server, loop, channelType, config.timeout(), new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                        new SimpleChannelInboundHandler<FullHttpResponse>() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                ctx.writeAndFlush(request(server));
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                                judge(probe, response);
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                probe.fail("connection closed before a response");
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                probe.fail("bad response: " + ProbeContext.describe(cause));
                            }
                        });
            }
        });
    }

    private FullHttpRequest request(Server server) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(config.method()), config.path());
        request.headers()
                .set(HttpHeaderNames.HOST, config.host() != null ? config.host() : server.config().address().toString())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.USER_AGENT, "shoal-health-check")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return request;
    }

    private void judge(ProbeContext probe, FullHttpResponse response) {
        int status = response.status().code();
        if (response.decoderResult().isFailure()) {
            probe.fail("malformed response");
            return;
        }
        boolean statusOk = config.expectStatus().stream().anyMatch(range -> range.contains(status));
        if (!statusOk) {
            probe.fail("HTTP " + status);
            return;
        }
        String body = response.content().toString(StandardCharsets.UTF_8);
        if (config.bodyContains() != null && !body.contains(config.bodyContains())) {
            probe.fail("HTTP " + status + ", body lacks " + config.bodyContains());
        } else if (bodyRegex != null && !bodyRegex.matcher(body).find()) {
            probe.fail("HTTP " + status + ", body does not match " + config.bodyRegex());
        } else {
            probe.pass("HTTP " + status);
        }
    }
}
