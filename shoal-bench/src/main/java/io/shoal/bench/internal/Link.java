package io.shoal.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * The connection that one or more {@link Slot}s send their requests on: one slot per HTTP/1.1 connection, one per
 * stream on an HTTP/2 one. It opens the connection once however many slots ask at the same time, sends a slot's
 * request, and reports the answer back to it through {@link Slot#head}, {@link Slot#body}, {@link Slot#complete}
 * or {@link Slot#failed}.
 *
 * <p>Threading: everything runs on the event loop of the connection and of all its slots.
 */
abstract class Link {
    protected final RunContext run;
    protected final LoopStats stats;
    private final Bootstrap bootstrap;
    protected Channel channel;
    private Future<Channel> opening;

    Link(RunContext run, EventLoop loop, LoopStats stats, Bootstrap base) {
        this.run = run;
        this.stats = stats;
        this.bootstrap = base.clone(loop).handler(run.connector.initializer());
    }

    /** Adds the protocol's handlers to a connection ready for requests. */
    protected abstract void protocol(ChannelPipeline pipeline);

    /** True when a request can be sent now. */
    boolean ready() {
        return channel != null && channel.isActive();
    }

    /**
     * Opens the connection, or returns the opening already under way, or the connection itself when it is ready (the
     * slots of one HTTP/2 connection each ask for it); see {@link Connector#open}.
     */
    Future<Channel> open() {
        if (ready()) {
            return channel.eventLoop().newSucceededFuture(channel);
        }
        if (opening == null) {
            opening = run.connector.open(bootstrap, stats, this::protocol);
            opening.addListener(f -> {
                opening = null;
                if (f.isSuccess()) {
                    channel = (Channel) f.getNow();
                }
            });
        }
        return opening;
    }

    /** Sends {@code slot}'s request; the link is {@link #ready()}. */
    abstract void send(Slot slot);

    /** {@code slot} gave up waiting for its answer (its timeout): nothing more is reported to it for that request. */
    abstract void abandon(Slot slot);

    /** {@code slot} sends no more requests; the connection closes once no slot uses it. */
    abstract void release(Slot slot);

    protected final void closeChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }
}
