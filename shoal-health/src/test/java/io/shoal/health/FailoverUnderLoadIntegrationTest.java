package io.shoal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.HealthCheckConfig;
import io.shoal.config.PanicConfig;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.CheckResult;
import io.shoal.topology.Server;
import io.shoal.topology.ServerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's {@code failover-test.sh}, with real processes: a steady 250 GET/s through Shoal to three
 * backend JVMs; one is killed with SIGKILL and started again on the same port 10 s later. No client
 * request may fail (GETs are retried on another server); health checks take the dead server DOWN
 * within {@code fall x interval + timeout}, bring it back UP within {@code rise x interval} of its
 * restart, and slow start ramps its share in.
 */
class FailoverUnderLoadIntegrationTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final int RISE = 2;
    private static final int FALL = 2;
    private static final Duration SLOW_START = Duration.ofSeconds(2);
    private static final int RATE = 250;
    private static final Duration RESTART_AFTER = Duration.ofSeconds(10);
    private static final double JITTER = HealthCheckConfig.http("/").jitter();
    /** Allowed on top of the bounds below for scheduling on a loaded 2-core machine (and a JVM starting next door). */
    private static final long MARGIN_MILLIS = 200;

    private final Resources resources = new Resources();

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    @Test
    void aKilledBackendCostsNoRequestGoesDownComesBackUpAndRampsInBySlowStart() throws Exception {
        BackendProcess web1 = resources.track(new BackendProcess("web-1"));
        BackendProcess web2 = resources.track(new BackendProcess("web-2"));
        BackendProcess web3 = resources.track(new BackendProcess("web-3"));
        CompletableFuture.allOf(startAsync(web1), startAsync(web2), startAsync(web3)).get(30, TimeUnit.SECONDS);

        HealthCheckConfig check = TestConfigs.http("/health", INTERVAL, TIMEOUT, RISE, FALL, false);
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(
                TestConfigs.health(check, null, PanicConfig.defaults(), SLOW_START),
                web1.address(), web2.address(), web3.address())));
        List<Server> servers = proxy.topology.current().service("web").servers();
        Server victim = proxy.server(web3.address());
        Server survivor = proxy.server(web1.address());
        await().atMost(Duration.ofSeconds(5)).until(() -> servers.stream().allMatch(s -> s.state() == ServerState.UP));
        for (int i = 0; i < 150; i++) { // warms the JIT of all four JVMs, so that the load starts steady
            assertThat(proxy.get("/").statusCode()).isEqualTo(200);
        }

        record VictimSample(long atNanos, ServerState state, int weight, CheckResult check) {}
        List<VictimSample> watched = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        resources.track(sampler::shutdownNow);
        sampler.scheduleAtFixedRate(() -> watched.add(new VictimSample(System.nanoTime(), victim.state(),
                victim.weight(), victim.checks().last())), 0, 20, TimeUnit.MILLISECONDS);

        long loadStartedAt = System.nanoTime();
        LoadGenerator load = resources.track(new LoadGenerator(proxy.uri("/"), RATE));
        await().atMost(Duration.ofSeconds(5)).until(() -> load.completed() >= RATE); // a second of steady load

        assertThat(proxy.states.changes).as("changes before the kill: all UP once, never DOWN")
                .allMatch(c -> c.to() == ServerState.UP).hasSize(3);
        long killedAt = System.nanoTime();
        web3.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> victim.state() == ServerState.DOWN);
        long downMillis = millis(killedAt, proxy.states.first(victim, ServerState.DOWN, killedAt).get().atNanos());
        assertThat(victim.checks().last().passed()).isFalse();
        String downDetail = victim.checks().last().detail();

        // The scenario's "restart it 10 s later": the wait is the behaviour under test, not a synchronisation.
        Thread.sleep(Math.max(0, RESTART_AFTER.toMillis() - millis(killedAt, System.nanoTime())));
        long restartedAt = System.nanoTime();
        long listeningAt = web3.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> victim.state() == ServerState.UP);
        long upAt = proxy.states.first(victim, ServerState.UP, killedAt).get().atNanos();
        long upMillis = millis(listeningAt, upAt);
        // Watch the ramp, then half a second at full weight.
        await().atMost(SLOW_START.plusSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> System.nanoTime() - upAt > SLOW_START.plusMillis(500).toNanos());
        load.stop();
        sampler.shutdownNow();

        long shareWindowMillis = 500;
        List<String> shares = new ArrayList<>();
        double[] share = new double[5];
        for (int w = 0; w < share.length; w++) {
            long from = upAt + w * shareWindowMillis * 1_000_000;
            long to = from + shareWindowMillis * 1_000_000;
            List<LoadGenerator.Sample> window = load.samples.stream()
                    .filter(s -> s.sentNanos() - from >= 0 && s.sentNanos() - to < 0).toList();
            long toVictim = window.stream().filter(s -> "web-3".equals(s.body())).count();
            share[w] = window.isEmpty() ? Double.NaN : (double) toVictim / window.size();
            shares.add(String.format("%d-%d ms: %d/%d = %.0f %%", w * shareWindowMillis, (w + 1) * shareWindowMillis,
                    toVictim, window.size(), 100 * share[w]));
        }
        List<VictimSample> ramp = watched.stream().filter(s -> s.atNanos() - upAt >= 0 && s.state() == ServerState.UP)
                .toList();
        int fullWeight = survivor.weight();
        long fullAtMillis = ramp.stream().filter(s -> s.weight() == fullWeight).findFirst()
                .map(s -> millis(upAt, s.atNanos())).orElse(-1L);
        List<LoadGenerator.Sample> failures = load.failures();
        System.out.printf("failover under load: %d requests at %.0f/s, %d failed, %d ticks skipped with %d"
                + " requests outstanding; latency p50/p99/max: before the kill %s, first second after %s,"
                + " while DOWN %s, after the restart %s%n",
                load.completed(), load.ratePerSecond(), failures.size(), load.skipped.get(),
                LoadGenerator.MAX_IN_FLIGHT, latency(load, loadStartedAt, killedAt),
                latency(load, killedAt, killedAt + 1_000_000_000L), latency(load, killedAt + 1_000_000_000L, restartedAt),
                latency(load, restartedAt, System.nanoTime()));
        System.out.printf("  killed web-3 -> DOWN after %d ms (fall %d x interval %d + timeout %d = %d ms; asserted"
                + " <= %d ms with jitter and margin); last check: %s%n", downMillis, FALL, INTERVAL.toMillis(),
                TIMEOUT.toMillis(), FALL * INTERVAL.toMillis() + TIMEOUT.toMillis(), downBound(), downDetail);
        System.out.printf("  restarted 10 s after the kill: JVM listening after %d ms -> UP %d ms later (rise %d x"
                + " interval %d = %d ms; asserted <= %d ms with jitter, check durations and margin)%n",
                millis(restartedAt, listeningAt), upMillis, RISE, INTERVAL.toMillis(), RISE * INTERVAL.toMillis(),
                upBound());
        System.out.printf("  slow start %d ms: weight %s; full (%d) after %d ms; web-3's share after UP: %s%n",
                SLOW_START.toMillis(), ramp.stream().map(VictimSample::weight).distinct().toList(), fullWeight,
                fullAtMillis, shares);
        long listeningEpochMillis = System.currentTimeMillis() - millis(listeningAt, System.nanoTime());
        System.out.println("  web-3's checks around the restart (ms after listening: result, duration): " + watched.stream()
                .map(VictimSample::check)
                .filter(c -> c != null && Math.abs(c.atEpochMillis() - listeningEpochMillis) < 1000)
                .distinct()
                .map(c -> (c.atEpochMillis() - listeningEpochMillis) + ": " + (c.passed() ? "pass" : "fail") + ", "
                        + c.durationNanos() / 1_000_000 + " ms")
                .toList());
        System.out.println("  state changes (ms from the kill): " + proxy.states.changes.stream()
                .map(c -> c.server() + " " + c.to() + " at " + millis(killedAt, c.atNanos()) + " (" + c.reason() + ")")
                .toList());

        assertThat(failures).as("requests failed for the client").isEmpty();
        assertThat(load.ratePerSecond()).isGreaterThanOrEqualTo(200);
        assertThat(downMillis).isLessThanOrEqualTo(downBound());
        assertThat(upMillis).isLessThanOrEqualTo(upBound());

        // Slow start: the weight starts near zero and never goes down.
        assertThat(ramp).isNotEmpty();
        assertThat(ramp.get(0).weight()).isLessThanOrEqualTo(fullWeight / 4);
        for (int i = 1; i < ramp.size(); i++) {
            assertThat(ramp.get(i).weight()).isGreaterThanOrEqualTo(ramp.get(i - 1).weight());
        }
        // Full weight, not before slow_start (SlowStartTest asserts the exact steps on a manual clock).
        assertThat(fullAtMillis).isGreaterThanOrEqualTo(SLOW_START.toMillis() - 300);
        // ... and so does its share of requests: small at first, growing, a third once the ramp is over.
        assertThat(share[0]).isLessThan(0.12);
        assertThat(share[1]).isGreaterThan(share[0]);
        assertThat(share[3]).isGreaterThan(share[1]);
        assertThat(share[4]).isBetween(0.28, 0.39);
    }

    /**
     * {@code fall x interval + timeout}, with each interval stretched by its jitter: the first failing
     * check comes within one interval of the kill, the next {@code fall - 1} one fast interval apart
     * (equal to the interval here), and a check can take up to the timeout (a refused connect takes ~0).
     */
    private static long downBound() {
        return Math.round(FALL * INTERVAL.toMillis() * (1 + JITTER)) + TIMEOUT.toMillis() + MARGIN_MILLIS;
    }

    /**
     * {@code rise x interval}, with each interval stretched by its jitter, plus the duration of each of
     * the {@code rise} passing checks (the next is scheduled when one ends): a JVM that just started
     * answers its first requests slowly, up to the check timeout.
     */
    private static long upBound() {
        return Math.round(RISE * INTERVAL.toMillis() * (1 + JITTER)) + RISE * TIMEOUT.toMillis() + MARGIN_MILLIS;
    }

    /** Median, 99th percentile and maximum latency in ms of the requests sent in [from, to). */
    private static String latency(LoadGenerator load, long fromNanos, long toNanos) {
        long[] millis = load.samples.stream()
                .filter(s -> s.sentNanos() - fromNanos >= 0 && s.sentNanos() - toNanos < 0)
                .mapToLong(s -> (s.doneNanos() - s.sentNanos()) / 1_000_000).sorted().toArray();
        if (millis.length == 0) {
            return "-";
        }
        return millis[millis.length / 2] + "/" + millis[(int) (millis.length * 0.99)] + "/" + millis[millis.length - 1];
    }

    private CompletableFuture<Long> startAsync(BackendProcess backend) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return backend.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
