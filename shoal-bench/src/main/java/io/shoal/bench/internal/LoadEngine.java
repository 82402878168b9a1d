package io.shoal.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.shoal.bench.BenchResult;
import io.shoal.bench.LoadPlan;
import io.shoal.bench.Second;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one plan: a few event loops (one per {@code --threads}), the connections ({@link Slot}s) spread over them,
 * and the calling thread as the clock that samples a {@link Second} each second and, when connections ramp, opens
 * or retires connections every 100 ms. In the closed model the first connections are opened before the clock
 * starts; in the open model each opens at its first request. The run ends
 * when every slot has run out of tickets and finished its last request, so nothing in flight is cut off.
 */
public final class LoadEngine {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LoadPlan plan;
    private final long lengthNanos;
    private final Ramp load;
    private final boolean rampConnections;
    private final AtomicInteger activeSlots = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean noMoreSlots;

    public LoadEngine(LoadPlan plan) {
        this.plan = plan;
        this.lengthNanos = plan.length().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        this.load = Ramp.of(plan.openModel() ? plan.rate().orElseThrow() : plan.connections(), plan.stages());
        this.rampConnections = !plan.openModel() && !plan.stages().isEmpty();
    }

    public BenchResult run(Consumer<Second> progress) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress(plan.target().getHostString(), plan.target().getPort());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unknown host: " + address.getHostString());
        }
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(plan.threads());
        RunContext run = null;
        try {
            List<EventLoop> loops = new ArrayList<>();
            for (EventExecutor executor : group) {
                loops.add((EventLoop) executor);
            }
            List<LoopStats> stats = loops.stream().map(l -> new LoopStats()).toList();
            Bootstrap base = new Bootstrap().group(group).channel(transport.channelClass())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, plan.timeout().toMillis()));
            Tickets tickets = new Tickets(lengthNanos, plan.requests(), plan.openModel() ? load : null);
            run = new RunContext(plan, address, tickets, this::slotFinished);
            Slots slots = new Slots(run, loops, stats, base, activeSlots);
            List<Slot> first = slots.add(rampConnections ? (int) Math.round(load.valueAt(0)) : plan.connections());
            if (!plan.openModel()) {
                // In the open model a connection opens when the schedule first needs it, as in k6's arrival-rate
                // executors: a pool opened up front would sit idle until the rate grows, and a server that closes
                // connections with no request (client_header_timeout) would race the first request on them.
                preconnect(first);
            }
            long start = System.nanoTime();
            tickets.startAt(start);
            first.forEach(Slot::start);
            if (!rampConnections) {
                allStarted();
            }
            Sampler sampler = new Sampler(stats, start);
            List<Second> timeline = new ArrayList<>();
            drive(start, slots, sampler, second -> {
                timeline.add(second);
                progress.accept(second);
            });
            long end = System.nanoTime();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            Second last = sampler.sample(end, 0, load.valueAt((end - start) / 1e9));
            if (last.responses() + last.failures() > 0 || last.lengthSeconds() >= 0.01) {
                timeline.add(last);
            }
            if (run.abortion().isPresent()) {
                throw new IllegalStateException(run.abortion().get());
            }
            return Results.collect(plan, Duration.ofNanos(end - start), sampler.total(), timeline, stats,
                    plan.openModel() ? tickets.dueBy(end) : 0, run.connector.session());
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            if (run != null) {
                run.release();
            }
        }
    }

    /** Opens the first connections (and does their TLS handshakes), all within one timeout, before the clock starts. */
    private void preconnect(List<Slot> slots) throws InterruptedException {
        List<Future<?>> connects = slots.stream().<Future<?>>map(Slot::preconnect).toList();
        long deadline = System.nanoTime() + plan.timeout().toNanos();
        for (Future<?> connect : connects) {
            connect.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** The clock: until every slot is done, ramps connections every tick and samples every second. */
    private void drive(long start, Slots slots, Sampler sampler, Consumer<Second> seconds) throws InterruptedException {
        long nextSample = start + SECOND_NANOS;
        while (!done.await(Math.max(0, Math.min(TICK_NANOS, nextSample - System.nanoTime())), TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            if (rampConnections) {
                if (now - start >= lengthNanos) {
                    allStarted();
                } else {
                    slots.resize((int) Math.round(load.valueAt((now - start) / 1e9)));
                }
            }
            if (now >= nextSample) {
                int connections = (activeSlots.get() + plan.streams() - 1) / plan.streams(); // a slot per stream
                seconds.accept(sampler.sample(now, connections, load.valueAt((now - start) / 1e9)));
                nextSample += SECOND_NANOS;
            }
        }
    }

    private void slotFinished() {
        if (activeSlots.decrementAndGet() == 0 && noMoreSlots) {
            done.countDown();
        }
    }

    private void allStarted() {
        noMoreSlots = true;
        if (activeSlots.get() == 0) {
            done.countDown();
        }
    }
}
