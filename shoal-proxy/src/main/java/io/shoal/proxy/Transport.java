package io.shoal.proxy;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.shoal.proxy.tuning.BusyPoll;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;

/** Native epoll where the platform has it, NIO elsewhere: the same pipeline runs on both. */
public record Transport(String name, Class<? extends ServerChannel> serverChannel, Class<? extends SocketChannel> socketChannel) {

    static Transport best() {
        if (Epoll.isAvailable() && !Boolean.getBoolean("shoal.nio")) {
            return new Transport("epoll", EpollServerSocketChannel.class, EpollSocketChannel.class);
        }
        return new Transport("nio", NioServerSocketChannel.class, NioSocketChannel.class);
    }

    /** @param busyPoll how long a loop polls before it sleeps (see {@link BusyPoll}); zero for never */
    EventLoopGroup newGroup(int threads, String threadPrefix, Duration busyPoll) {
        SelectStrategyFactory strategy = selectStrategy(busyPoll);
        IoHandlerFactory ioHandlers = name.equals("epoll") ? EpollIoHandler.newFactory(0, strategy)
                : NioIoHandler.newFactory(SelectorProvider.provider(), strategy);
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, true), ioHandlers);
    }

    /** Netty's own strategy (sleep in {@code epoll_wait} as soon as there is no work) unless busy polling is asked for. */
    public static SelectStrategyFactory selectStrategy(Duration busyPoll) {
        long pollNanos = busyPoll.toNanos();
        return pollNanos > 0 ? () -> new BusyPoll(pollNanos) : DefaultSelectStrategyFactory.INSTANCE;
    }
}
