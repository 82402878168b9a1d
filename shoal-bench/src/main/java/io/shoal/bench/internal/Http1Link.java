package io.shoal.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.shoal.bench.ErrorKind;

/**
 * An HTTP/1.1 connection for one slot: writes the pre-encoded request and closes the connection when the answer
 * says so, when keep-alive is off, or when the slot gives up on an answer (the only way to drop it in HTTP/1.1).
 */
final class Http1Link extends Link implements ResponseListener {
    private Slot waiting;
    private boolean reusable;

    Http1Link(RunContext run, EventLoop loop, LoopStats stats, Bootstrap base) {
        super(run, loop, stats, base);
    }

    @Override
    protected void protocol(ChannelPipeline pipeline) {
        pipeline.addLast("parser", new ResponseParser(this, stats, run.head, run.jsonField != null, run.header));
    }

    @Override
    void send(Slot slot) {
        waiting = slot;
        reusable = run.keepAlive;
        channel.writeAndFlush(run.template.next(), channel.voidPromise());
    }

    @Override
    void abandon(Slot slot) {
        waiting = null;
        closeChannel();
    }

    @Override
    void release(Slot slot) {
        waiting = null;
        closeChannel();
    }

    @Override
    public void onHead(Channel ch, int status, boolean keepAlive, String label) {
        if (ch != channel || waiting == null) {
            ch.close(); // an answer to no request
            return;
        }
        reusable &= keepAlive;
        waiting.head(status, label);
    }

    @Override
    public void onBody(Channel ch, ByteBuf chunk) {
        if (ch == channel && waiting != null) {
            waiting.body(chunk);
        }
    }

    @Override
    public void onComplete(Channel ch) {
        if (ch != channel || waiting == null) {
            return;
        }
        Slot slot = waiting;
        waiting = null;
        if (!reusable) {
            closeChannel();
        }
        slot.complete();
    }

    @Override
    public void onClosed(Channel ch, ErrorKind failure) {
        if (ch != channel) {
            return;
        }
        channel = null;
        Slot slot = waiting;
        waiting = null;
        if (slot != null) {
            slot.failed(failure != null ? failure : ErrorKind.CLOSED);
        }
    }
}
