package io.shoal.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.shoal.topology.CheckResult;
import io.shoal.topology.Server;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One probe in progress: its connection, its timeout, and the guarantee that it reports once.
 * Event-loop confined.
 */
final class ProbeContext {
    private final Consumer<CheckResult> done;
    private final long startNanos = System.nanoTime();
    private ScheduledFuture<?> timeout;
    private Channel channel;
    private Supplier<String> seenSoFar;
    private boolean finished;

    ProbeContext(Consumer<CheckResult> done) {
        this.done = done;
    }

    /**
     * What the probe has seen so far, added to the detail of a timeout once connected, so that a check
     * that waits in vain says what came back instead (e.g. {@code expected PONG, got 'HELLO'}).
     */
    void onTimeoutDescribe(Supplier<String> seenSoFar) {
        this.seenSoFar = seenSoFar;
    }

    /** Connects with {@code handler} as the pipeline and fails the probe when {@code limit} passes. */
    void connect(Server server, EventLoop loop, Class<? extends SocketChannel> channelType, Duration limit,
                 ChannelHandler handler) {
        timeout = loop.schedule(() -> fail("timeout after " + limit.toMillis() + " ms"
                        + (seenSoFar != null && channel.isActive() ? ": " + seenSoFar.get() : "")),
                limit.toNanos(), TimeUnit.NANOSECONDS);
        ChannelFuture connect = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, limit.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(handler)
                .connect(server.address());
        channel = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                fail("connect failed: " + describe(f.cause()));
            }
        });
    }

    void pass(String detail) {
        finish(true, detail);
    }

    void fail(String detail) {
        finish(false, detail);
    }

    private void finish(boolean passed, String detail) {
        if (finished) {
            return;
        }
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
        done.accept(new CheckResult(passed, detail, System.nanoTime() - startNanos, System.currentTimeMillis()));
    }

    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
