package io.shoal.health;

import io.netty.channel.EventLoop;
import io.shoal.config.Counts;
import io.shoal.config.HealthCheckConfig;
import io.shoal.topology.CheckResult;
import io.shoal.topology.ControlLoop;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The checks of one server, with HAProxy's state machine: {@code rise} consecutive passes bring a
 * DOWN server UP, {@code fall} consecutive failures take an UP server DOWN. While a server is DOWN or
 * on its way there, checks come every {@code fast_interval}. DRAINING and MAINT are an operator's
 * decision: checks go on and are recorded, but do not change them. Threading: confined to the control
 * thread; only the probe runs on its event loop, and hands its result back.
 */
final class ServerCheck {
    private enum Phase { RUNNING, STOPPED }

    private final Server server;
    private final HealthCheckConfig config;
    private final Probe probe;
    private final EventLoop loop;
    private final ControlLoop control;
    private int passes;
    private int failures;
    private ScheduledFuture<?> next;
    private Phase phase = Phase.RUNNING;

    ServerCheck(Server server, HealthCheckConfig config, Probe probe, EventLoop loop, ControlLoop control) {
        this.server = server;
        this.config = config;
        this.probe = probe;
        this.loop = loop;
        this.control = control;
    }

    HealthCheckConfig config() {
        return config;
    }

    /** The first check comes after a random part of the interval, so that servers do not check in step. */
    void start() {
        control.execute(() -> schedule(ThreadLocalRandom.current().nextLong(config.interval().toNanos() / 4 + 1)));
    }

    void stop() {
        control.execute(() -> {
            phase = Phase.STOPPED;
            if (next != null) {
                next.cancel(false);
            }
        });
    }

    private void schedule(long delayNanos) {
        if (phase == Phase.RUNNING) {
            next = control.schedule(this::check, delayNanos);
        }
    }

    private void check() {
        if (phase == Phase.RUNNING) {
            loop.execute(() -> probe.run(server, loop, result -> control.execute(() -> onResult(result))));
        }
    }

    private void onResult(CheckResult result) {
        if (phase == Phase.STOPPED) {
            return;
        }
        server.checks().record(result);
        ServerState state = server.state();
        if (result.passed()) {
            passes++;
            failures = 0;
            if (state == ServerState.DOWN && passes >= config.rise()) {
                server.setState(ServerState.UP, "passed " + Counts.of(passes, "check") + " (" + result.detail() + ")");
            } else if (state == ServerState.DOWN) {
                server.explain(state, "passed " + passes + " of " + Counts.of(config.rise(), "check")
                        + " (" + result.detail() + ")");
            }
        } else {
            failures++;
            passes = 0;
            if (state == ServerState.UP && failures >= config.fall()) {
                server.setState(ServerState.DOWN, "failed " + Counts.of(failures, "check") + " (" + result.detail() + ")");
            } else if (state == ServerState.DOWN) {
                // A DOWN server's reason follows its checks, so that one that never came UP says why.
                server.explain(state, "failed " + Counts.of(failures, "check") + " (" + result.detail() + ")");
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
