package io.shoal.health;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.shoal.config.HealthCheckConfig;
import io.shoal.topology.CheckResult;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The checks of one server, with HAProxy's state machine: {@code rise} consecutive passes bring a
 * DOWN server UP, {@code fall} consecutive failures take an UP server DOWN. While a server is DOWN or
 * on its way there, checks come every {@code fast_interval}. DRAINING and MAINT are an operator's
 * decision: checks go on and are recorded, but do not change them. Event-loop confined.
 */
final class ServerCheck {
    private final Server server;
    private final HealthCheckConfig config;
    private final Probe probe;
    private final EventLoop loop;
    private int passes;
    private int failures;
    private ScheduledFuture<?> next;
    private boolean stopped;

    ServerCheck(Server server, HealthCheckConfig config, Probe probe, EventLoop loop) {
        this.server = server;
        this.config = config;
        this.probe = probe;
        this.loop = loop;
    }

    HealthCheckConfig config() {
        return config;
    }

    /** The first check comes after a random part of the interval, so that servers do not check in step. */
    void start() {
        loop.execute(() -> schedule(ThreadLocalRandom.current().nextLong(config.interval().toNanos() / 4 + 1)));
    }

    void stop() {
        loop.execute(() -> {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        });
    }

    private void schedule(long delayNanos) {
        if (!stopped) {
            next = loop.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        if (!stopped) {
            probe.run(server, loop, this::onResult);
        }
    }

    private void onResult(CheckResult result) {
        if (stopped) {
            return;
        }
        server.recordCheck(result);
        ServerState state = server.state();
        if (result.passed()) {
            passes++;
            failures = 0;
            if (state == ServerState.DOWN && passes >= config.rise()) {
                server.setState(ServerState.UP, "passed " + passes + " checks (" + result.detail() + ")");
            }
        } else {
            failures++;
            passes = 0;
            if (state == ServerState.UP && failures >= config.fall()) {
                server.setState(ServerState.DOWN, "failed " + failures + " checks (" + result.detail() + ")");
            }
        }
        schedule(jittered(settled() ? config.interval().toNanos() : config.fastInterval().toNanos()));
    }

    /** UP and passing: no state change under way. */
    private boolean settled() {
        return server.state() == ServerState.UP && failures == 0;
    }

    private long jittered(long nanos) {
        long spread = (long) (nanos * config.jitter());
        return spread == 0 ? nanos : nanos - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1);
    }
}
