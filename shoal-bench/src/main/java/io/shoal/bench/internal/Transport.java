package io.shoal.bench.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Native epoll where it loads (fewer copies and syscalls, so the generator stays cheaper than its target), NIO
 * elsewhere or with {@code -Dshoal.nio=true}.
 */
record Transport(IoHandlerFactory ioHandlers, Class<? extends SocketChannel> channelClass) {
    static Transport best() {
        if (Epoll.isAvailable() && !Boolean.getBoolean("shoal.nio")) {
            return new Transport(EpollIoHandler.newFactory(), EpollSocketChannel.class);
        }
        return new Transport(NioIoHandler.newFactory(), NioSocketChannel.class);
    }

    EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("shoal-bench", true), ioHandlers);
    }
}
