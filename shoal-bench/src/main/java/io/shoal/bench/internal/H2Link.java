package io.shoal.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/2 connection shared by the slots of its streams (h2load's {@code -m}): each slot sends its request as a new
 * stream. After GOAWAY the next request opens a new connection while the old one finishes its streams, so a slot's
 * stream may be on an older session than the current one.
 */
final class H2Link extends Link {
    private final List<H2Session> sessions = new ArrayList<>(2);
    private H2Session current;
    private int users;

    /** {@code users} slots share this link. */
    H2Link(RunContext run, EventLoop loop, LoopStats stats, Bootstrap base, int users) {
        super(run, loop, stats, base);
        this.users = users;
    }

    @Override
    protected void protocol(ChannelPipeline pipeline) {
        H2Session session = new H2Session(run, stats);
        pipeline.addLast("reads", session.reads);
        pipeline.addLast("h2", session.handler);
        current = session;
        sessions.add(session);
        pipeline.channel().closeFuture().addListener(f -> sessions.remove(session));
    }

    @Override
    boolean ready() {
        return super.ready() && current.acceptsStreams(channel);
    }

    @Override
    void send(Slot slot) {
        current.send(channel, slot);
    }

    @Override
    void abandon(Slot slot) {
        for (H2Session session : sessions) {
            if (session.cancel(slot)) {
                return;
            }
        }
    }

    @Override
    void release(Slot slot) {
        if (--users == 0) {
            closeChannel();
        }
    }
}
