package io.shoal.bench.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.shoal.bench.BenchResult;
import io.shoal.bench.LoadPlan;
import io.shoal.bench.Second;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one plan: a few event loops (one per {@code --threads}), the connections ({@link Slot}s) spread over them,
 * and the calling thread as the clock that samples a {@link Second} each second and, when connections ramp, opens
 * or retires connections every 100 ms. The run ends when every slot has run out of tickets and finished its last
 * request, so nothing in flight is cut off.
 */
public final class LoadEngine {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LoadPlan plan;
    private final AtomicInteger activeSlots = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean noMoreSlots;

    public LoadEngine(LoadPlan plan) {
        this.plan = plan;
    }

    public BenchResult run(Consumer<Second> progress) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress(plan.url().getHost(), plan.url().getPort() == -1 ? 80 : plan.url().getPort());
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unknown host: " + plan.url().getHost());
        }
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(plan.threads());
        try {
            List<EventLoop> loops = new ArrayList<>();
            for (EventExecutor executor : group) {
                loops.add((EventLoop) executor);
            }
            List<LoopStats> stats = loops.stream().map(l -> new LoopStats()).toList();
            Bootstrap base = new Bootstrap().group(group).channel(transport.channelClass())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, plan.timeout().toMillis()));
            long start = System.nanoTime();
            long lengthNanos = plan.length().map(Duration::toNanos).orElse(Long.MAX_VALUE);
            Ramp load = plan.openModel() ? Ramp.of(plan.rate().orElseThrow(), plan.stages()) : Ramp.of(plan.connections(), plan.stages());
            Tickets tickets = new Tickets(start, lengthNanos, plan.requests(), plan.openModel() ? load : null);
            RunContext run = new RunContext(plan, address, tickets, this::slotFinished);
            Slots slots = new Slots(run, loops, stats, base);
            boolean rampConnections = !plan.openModel() && !plan.stages().isEmpty();
            slots.resize(rampConnections ? (int) Math.round(load.valueAt(0)) : plan.connections());
            if (!rampConnections) {
                allStarted();
            }
            Sampler sampler = new Sampler(stats, start);
            List<Second> timeline = new ArrayList<>();
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
                    Second second = sampler.sample(now, activeSlots.get(), load.valueAt((now - start) / 1e9));
                    timeline.add(second);
                    progress.accept(second);
                    nextSample += SECOND_NANOS;
                }
            }
            long end = System.nanoTime();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            Second last = sampler.sample(end, 0, load.valueAt((end - start) / 1e9));
            if (last.responses() + last.failures() > 0 || last.lengthSeconds() >= 0.01) {
                timeline.add(last);
            }
            return Results.collect(plan, Duration.ofNanos(end - start), sampler.total(), timeline, stats,
                    plan.openModel() ? tickets.dueBy(end) : 0);
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
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

    /** The slots started so far; newest first, so that ramping down retires the ones that ramping up added last. */
    private final class Slots {
        private final RunContext run;
        private final List<EventLoop> loops;
        private final List<LoopStats> stats;
        private final Bootstrap base;
        private final Deque<Slot> live = new ArrayDeque<>();
        private int created;

        Slots(RunContext run, List<EventLoop> loops, List<LoopStats> stats, Bootstrap base) {
            this.run = run;
            this.loops = loops;
            this.stats = stats;
            this.base = base;
        }

        void resize(int target) {
            while (live.size() < target) {
                int i = created++ % loops.size();
                Slot slot = new Slot(run, loops.get(i), stats.get(i), base);
                activeSlots.incrementAndGet();
                live.push(slot);
                slot.start();
            }
            while (live.size() > target) {
                live.pop().retire();
            }
        }
    }
}
