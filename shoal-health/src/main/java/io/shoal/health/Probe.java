package io.shoal.health;

import io.netty.channel.EventLoop;
import io.shoal.topology.CheckResult;
import io.shoal.topology.Server;
import java.util.function.Consumer;

/** One kind of active check: runs once against a server, reports exactly one result on the event loop. */
interface Probe {
    void run(Server server, EventLoop loop, Consumer<CheckResult> done);
}
